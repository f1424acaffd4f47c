// Feeds arbitrary bytes to the signed-note, checkpoint, verifier-key and entry parsers.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "evidence/checkpoint.h"
#include "evidence/entry.h"
#include "evidence/signer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jianmei::evidence;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto note = ParseSignedNote(text);
  if (note.ok()) {
    (void)ParseCheckpointBody(note->body);
    // Round trip: a parsed note re-serialises to something that parses to the same body.
    auto again = ParseSignedNote(note->ToString());
    if (!again.ok() || again->body != note->body) __builtin_trap();
  }
  (void)ParseCheckpointBody(text);
  (void)NoteVerifier::Parse(text);
  (void)DecodeEntry(text);
  static const auto verifier =
      NoteVerifier::Parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  (void)OpenCheckpoint(text, *verifier);
  return 0;
}
