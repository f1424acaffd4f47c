// ReadJson: the one strict reader behind every JSON text jianmei reads (scan and eval lines, API
// bodies, registry JSON Lines, complaints, evidence bundles), so that they all keep one rule:
//   - a NUL byte anywhere is an error naming its offset (nlohmann reads '\0' as the end of its
//     input, which silently cut `{"text":"a"}\0garbage` to a valid record); an escaped \u0000
//     inside a string is data;
//   - a key given twice in one object is an error, whatever the order of its values;
//   - errors are in our words and name the field path, the byte offset (from 0) and the rule,
//     never the JSON library's exception text; echoed input is cut to a short prefix.
// UTF-8 is the caller's check (each says it in the words of its format). Pure function,
// thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "core/status.h"

namespace jianmei {

// Reads `text` as one JSON value. `what` names the text in the NUL message ("line", "body");
// errors about the whole text rather than a field are prefixed with `where` and ": " when it is
// not empty. Errors are InvalidArgument:
//   "NUL byte at byte 12 (a line may not contain one)"
//   "not JSON: syntax error at byte 5"
//   "posts[1].id: key given twice at byte 40 (each key may appear once per object)"
//   "n: number 1e999999 at byte 15 is out of range (beyond a double's ±1.8e308)"
Result<nlohmann::json> ReadJson(std::string_view text, std::string_view what = "text",
                                std::string_view where = "");

}  // namespace jianmei
