// Checkpoints (C2SP tlog-checkpoint body "origin\nsize\nbase64(root)\n") inside signed notes
// (C2SP signed-note: body, a blank line, then lines "— <name> <base64(key id || signature)>").
// Parsers take untrusted text and enforce the limits below; all functions are pure and
// thread-safe. See doc/evidence_format.md, "Checkpoint".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "evidence/hash.h"
#include "evidence/signer.h"

namespace jianmei::evidence {

inline constexpr size_t kMaxNoteBytes = 64 << 10;
inline constexpr size_t kMaxNoteSignatures = 16;

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  std::string Body() const;  // the exact signed text
  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
};

// Parses exactly three lines; extension lines are not accepted by this log.
Result<Checkpoint> ParseCheckpointBody(std::string_view body);

struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  std::string signature;  // without the 4-byte key id
};

struct SignedNote {
  std::string body;  // ends in "\n"
  std::vector<NoteSignature> signatures;
  std::string ToString() const;
};

Result<SignedNote> ParseSignedNote(std::string_view text);
Result<SignedNote> SignNote(std::string_view body, const NoteSigner& signer);

// Checks that a signature line from `verifier` (matched by name and key id) is present and
// valid, then parses the body as a checkpoint whose origin must equal `origin` if non-empty.
Result<Checkpoint> OpenCheckpoint(std::string_view note_text, const NoteVerifier& verifier,
                                  std::string_view origin = {});

}  // namespace jianmei::evidence
