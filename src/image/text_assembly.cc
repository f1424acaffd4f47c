#include "image/text_assembly.h"

#include "core/utf8.h"

namespace jianmei::image {
namespace {

char32_t LastCodePoint(std::string_view s) {
  size_t i = s.size();
  while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80) --i;
  if (i > 0) --i;
  size_t len = 0;
  return utf8::Decode(s, i, &len);
}

}  // namespace

bool IsCjk(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) ||   // radicals, CJK punctuation, kana, Han
         (cp >= 0xF900 && cp <= 0xFAFF) ||   // compatibility ideographs
         (cp >= 0xFE30 && cp <= 0xFE4F) ||   // compatibility forms
         (cp >= 0xFF00 && cp <= 0xFFEF) ||   // full-width forms
         (cp >= 0x20000 && cp <= 0x3FFFF);   // Han extensions B–H
}

size_t AppendPiece(std::string_view piece, char separator, std::string* text) {
  if (!text->empty() && !piece.empty()) {
    size_t len = 0;
    const bool joined = IsCjk(LastCodePoint(*text)) || IsCjk(utf8::Decode(piece, 0, &len));
    if (!joined) text->push_back(separator);
  }
  const size_t at = text->size();
  text->append(piece);
  return at;
}

}  // namespace jianmei::image
