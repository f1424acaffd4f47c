// How the words and lines Tesseract reads become one text. Tesseract separates every "word" by a
// space, and in Chinese a word is often one character (小 腿 肌 肉): written so, the screener
// would read the spaces as an evasion (design doc §4, `spacing`). Words are therefore joined
// with nothing between two CJK characters and with `separator` (a space) otherwise; lines are
// separated by a newline (ocr_engine.cc). Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace jianmei::image {

// Whether cp is written without spaces around it in Chinese text: Han, CJK punctuation and
// symbols, kana, full-width forms.
bool IsCjk(char32_t cp);

// Appends `piece` to *text, after `separator` when neither side of the join is CJK. Returns the
// offset at which `piece` begins in *text.
size_t AppendPiece(std::string_view piece, char separator, std::string* text);

}  // namespace jianmei::image
