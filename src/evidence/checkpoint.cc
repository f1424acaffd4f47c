#include "evidence/checkpoint.h"

#include <charconv>

#include "core/utf8.h"

namespace jianmei::evidence {
namespace {

constexpr std::string_view kDash = "\xE2\x80\x94 ";  // U+2014 EM DASH and a space

std::string N(uint64_t v) { return std::to_string(v); }

}  // namespace

std::string Checkpoint::Body() const {
  return origin + "\n" + std::to_string(size) + "\n" + HashToBase64(root) + "\n";
}

Result<Checkpoint> ParseCheckpointBody(std::string_view body) {
  std::string_view lines[3];
  size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) {
      return Status::InvalidArgument("checkpoint: line " + N(i + 1) + " is missing or unterminated");
    }
    lines[i] = body.substr(pos, nl - pos);
    pos = nl + 1;
  }
  if (pos != body.size()) {
    return Status::InvalidArgument("checkpoint: unexpected text after line 3 (extension lines "
                                   "are not accepted)");
  }
  Checkpoint c;
  if (lines[0].empty() || utf8::FindInvalid(lines[0]) != std::string_view::npos) {
    return Status::InvalidArgument("checkpoint: origin (line 1) is empty or not UTF-8");
  }
  c.origin = lines[0];
  std::string_view sz = lines[1];
  if (sz.empty() || sz.size() > 20 || (sz.size() > 1 && sz[0] == '0')) {
    return Status::InvalidArgument("checkpoint: size (line 2) is not a canonical decimal");
  }
  auto [end, ec] = std::from_chars(sz.data(), sz.data() + sz.size(), c.size);
  if (ec != std::errc() || end != sz.data() + sz.size()) {
    return Status::InvalidArgument("checkpoint: size (line 2) is not a decimal number");
  }
  auto root = HashFromBase64(lines[2], "checkpoint: root (line 3)");
  if (!root.ok()) return root.status();
  c.root = *root;
  return c;
}

std::string SignedNote::ToString() const {
  std::string out = body + "\n";
  for (const NoteSignature& s : signatures) {
    std::string blob;
    for (int sh = 24; sh >= 0; sh -= 8) blob.push_back(static_cast<char>(s.key_id >> sh));
    blob += s.signature;
    out += std::string(kDash) + s.name + " " + Base64Encode(blob) + "\n";
  }
  return out;
}

Result<SignedNote> ParseSignedNote(std::string_view text) {
  if (text.size() > kMaxNoteBytes) {
    return Status::InvalidArgument("signed note: " + N(text.size()) + " bytes exceeds " +
                                   N(kMaxNoteBytes));
  }
  if (utf8::FindInvalid(text) != std::string_view::npos) {
    return Status::InvalidArgument("signed note: not UTF-8");
  }
  size_t split = text.rfind("\n\n");
  if (split == std::string_view::npos) {
    return Status::InvalidArgument("signed note: no blank line before the signatures");
  }
  SignedNote note;
  note.body = text.substr(0, split + 1);
  std::string_view sigs = text.substr(split + 2);
  if (sigs.empty() || sigs.back() != '\n') {
    return Status::InvalidArgument("signed note: signature block missing or not newline-terminated");
  }
  size_t line_no = 0;
  while (!sigs.empty()) {
    ++line_no;
    size_t nl = sigs.find('\n');
    std::string_view line = sigs.substr(0, nl);
    sigs.remove_prefix(nl + 1);
    std::string where = "signed note: signature line " + N(line_no);
    if (line.substr(0, kDash.size()) != kDash) {
      return Status::InvalidArgument(where + " does not start with an em dash and a space");
    }
    line.remove_prefix(kDash.size());
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) return Status::InvalidArgument(where + " has no signature");
    NoteSignature s;
    s.name = line.substr(0, sp);
    if (Status st = CheckKeyName(s.name); !st.ok()) {
      return Status::InvalidArgument(where + ": " + st.message());
    }
    auto blob = Base64Decode(line.substr(sp + 1));
    if (!blob.ok()) return Status::InvalidArgument(where + ": " + blob.status().message());
    if (blob->size() < 5) return Status::InvalidArgument(where + ": signature too short");
    for (int i = 0; i < 4; ++i) s.key_id = s.key_id << 8 | static_cast<uint8_t>((*blob)[i]);
    s.signature = blob->substr(4);
    if (note.signatures.size() == kMaxNoteSignatures) {
      return Status::InvalidArgument("signed note: more than " + N(kMaxNoteSignatures) +
                                     " signatures");
    }
    note.signatures.push_back(std::move(s));
  }
  return note;
}

Result<SignedNote> SignNote(std::string_view body, const NoteSigner& signer) {
  if (body.empty() || body.back() != '\n') {
    return Status::InvalidArgument("note body must end in a newline");
  }
  if (body.find("\n\n") != std::string_view::npos) {
    return Status::InvalidArgument("note body must not contain a blank line");
  }
  auto sig = signer.Sign(body);
  if (!sig.ok()) return sig.status();
  SignedNote note;
  note.body = body;
  note.signatures.push_back({signer.name(), signer.verifier().key_id(), *sig});
  return note;
}

Result<Checkpoint> OpenCheckpoint(std::string_view note_text, const NoteVerifier& verifier,
                                  std::string_view origin) {
  auto note = ParseSignedNote(note_text);
  if (!note.ok()) return note.status();
  bool found = false;
  for (const NoteSignature& s : note->signatures) {
    if (s.name != verifier.name() || s.key_id != verifier.key_id()) continue;
    if (Status st = verifier.Verify(note->body, s.signature); !st.ok()) {
      return Status::InvalidArgument("checkpoint: " + st.message());
    }
    found = true;
  }
  if (!found) {
    return Status::InvalidArgument("checkpoint: no signature by key " + verifier.name() + "+" +
                                   verifier.ToString().substr(verifier.name().size() + 1, 8));
  }
  auto c = ParseCheckpointBody(note->body);
  if (!c.ok()) return c.status();
  if (!origin.empty() && c->origin != origin) {
    return Status::InvalidArgument("checkpoint: origin \"" + c->origin + "\" is not the expected \"" +
                                   std::string(origin) + "\"");
  }
  return c;
}

}  // namespace jianmei::evidence
