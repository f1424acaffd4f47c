#include "campaign/contact_scanner.h"

#include <algorithm>
#include <string>

#include "core/utf8.h"

namespace jianmei::campaign {
namespace {

struct Form {
  HandleKind kind;
  std::string_view text;     // lower case, no variation selectors
  bool separator_required;
};

constexpr Form kForms[] = {
#include "campaign/contact_handle_forms.inc"
};

// The post after a light fold, one entry per kept code point, with its original byte span:
// full-width ASCII to ASCII, ASCII to lower case, ideographic space to space; variation
// selectors and zero-width joiners dropped (so "🛰️" is "🛰").
struct Light {
  std::u32string cps;
  std::vector<uint32_t> begin, end;  // original byte offsets of cps[i]
};

Light LightFold(std::string_view s) {
  Light l;
  for (size_t pos = 0; pos < s.size();) {
    size_t len;
    char32_t c = utf8::Decode(s, pos, &len);
    const size_t at = pos;
    pos += len;
    if (c == utf8::kInvalid || c == 0xFE0F || c == 0xFE0E || c == 0x200D) continue;
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (c == 0x3000) c = U' ';
    if (c >= U'A' && c <= U'Z') c += U'a' - U'A';
    l.cps.push_back(c);
    l.begin.push_back(static_cast<uint32_t>(at));
    l.end.push_back(static_cast<uint32_t>(pos));
  }
  return l;
}

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsLower(char32_t c) { return c >= U'a' && c <= U'z'; }
bool IsWechatChar(char32_t c) { return IsDigit(c) || IsLower(c) || c == U'_' || c == U'-'; }

// Between a prefix and its id: spaces, colons, 号, 是, arrows and brackets.
bool IsSeparator(char32_t c) {
  static constexpr std::u32string_view kSeparators =
      U" \t\n:=~-·>→➡⇒👉👇⬇「」【】()[]号是为";
  return kSeparators.find(c) != std::u32string_view::npos;
}
constexpr size_t kMaxSeparators = 4;

struct DecodedForm {
  HandleKind kind;
  std::u32string text;
  bool separator_required;
};

// kForms decoded once.
const std::vector<DecodedForm>& Forms() {
  static const std::vector<DecodedForm> forms = [] {
    std::vector<DecodedForm> out;
    for (const Form& f : kForms) {
      std::u32string cps;
      for (size_t pos = 0; pos < f.text.size();) {
        size_t len;
        cps.push_back(utf8::Decode(f.text, pos, &len));
        pos += len;
      }
      out.push_back({f.kind, std::move(cps), f.separator_required});
    }
    return out;
  }();
  return forms;
}

// Whether form matches the light text at code point i; sets *end past it.
bool MatchForm(const Light& l, size_t i, std::u32string_view form, size_t* end) {
  if (l.cps.size() - i < form.size() || std::u32string_view(l.cps).substr(i, form.size()) != form) {
    return false;
  }
  *end = i + form.size();
  return true;
}

// A run of digits in which single spaces or dashes may separate groups, from code point i.
// Returns the digits and sets *end past the last digit.
std::string DigitRun(const Light& l, size_t i, size_t max_digits, size_t* end) {
  std::string digits;
  size_t j = i;
  while (j < l.cps.size() && digits.size() <= max_digits) {
    if (IsDigit(l.cps[j])) {
      digits += static_cast<char>(l.cps[j]);
      *end = ++j;
    } else if ((l.cps[j] == U' ' || l.cps[j] == U'-') && j + 1 < l.cps.size() && IsDigit(l.cps[j + 1]) &&
               !digits.empty()) {
      ++j;
    } else {
      break;
    }
  }
  return digits;
}

bool IsMobile(std::string_view d) { return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'; }

std::string Original(std::string_view s, const Light& l, size_t from, size_t to) {
  return std::string(s.substr(l.begin[from], l.end[to - 1] - l.begin[from]));
}

// The id of `kind` starting at code point i; sets *end past it. Empty when there is none.
std::string ReadId(const Light& l, size_t i, HandleKind kind, size_t* end) {
  if (i >= l.cps.size()) return {};
  if (kind == HandleKind::kWechat) {
    if (!IsLower(l.cps[i])) return {};
    size_t j = i;
    std::string id;
    while (j < l.cps.size() && IsWechatChar(l.cps[j])) id += static_cast<char>(l.cps[j++]);
    if (id.size() < 6 || id.size() > 20) return {};
    *end = j;
    return id;
  }
  if (!IsDigit(l.cps[i]) || (i > 0 && IsDigit(l.cps[i - 1]))) return {};
  auto valid = [&](const std::string& d) {
    return kind == HandleKind::kQq ? d.size() >= 5 && d.size() <= 11 : IsMobile(d);
  };
  std::string digits = DigitRun(l, i, 11, end);
  if (valid(digits) && !(*end < l.cps.size() && IsDigit(l.cps[*end]))) return digits;
  // Not a spaced number: the first group of digits alone ("qq 12345678 13800138000").
  size_t j = i;
  digits.clear();
  while (j < l.cps.size() && IsDigit(l.cps[j])) digits += static_cast<char>(l.cps[j++]);
  *end = j;
  return valid(digits) ? digits : "";
}

// A prefixed handle at code point i: the longest form that matches and is followed (after
// separators, required by some forms) by a valid id. Sets *end past the id.
bool Prefixed(std::string_view s, const Light& l, size_t i, std::vector<Handle>* out, size_t* end) {
  const DecodedForm* best = nullptr;
  size_t best_end = 0, best_id_end = 0;
  std::string best_id;
  for (const DecodedForm& f : Forms()) {
    if (f.text[0] != l.cps[i]) continue;
    size_t form_end;
    if (!MatchForm(l, i, f.text, &form_end)) continue;
    if (IsLower(l.cps[i]) && i > 0 && (IsLower(l.cps[i - 1]) || IsDigit(l.cps[i - 1]))) continue;
    size_t j = form_end;
    while (j < l.cps.size() && j - form_end < kMaxSeparators && IsSeparator(l.cps[j])) ++j;
    if (f.separator_required && j == form_end) continue;
    size_t id_end;
    std::string id = ReadId(l, j, f.kind, &id_end);
    if (id.empty()) continue;
    if (!best || form_end - i > best_end - i) {
      best = &f, best_end = form_end, best_id_end = id_end, best_id = std::move(id);
    }
  }
  if (!best) return false;
  out->push_back({best->kind, std::move(best_id), Original(s, l, i, best_id_end)});
  *end = best_id_end;
  return true;
}

}  // namespace

void FindContacts(std::string_view s, std::vector<Handle>* out) {
  const Light l = LightFold(s);
  for (size_t i = 0; i < l.cps.size();) {
    size_t end;
    if (Prefixed(s, l, i, out, &end)) {
      i = end;
      continue;
    }
    // A mobile number without a prefix: 11 digits, possibly spaced or dashed, not inside a
    // longer number.
    if (IsDigit(l.cps[i]) && (i == 0 || !IsDigit(l.cps[i - 1]))) {
      const std::string digits = DigitRun(l, i, 11, &end);
      if (IsMobile(digits) && !(end < l.cps.size() && IsDigit(l.cps[end]))) {
        out->push_back({HandleKind::kPhone, digits, Original(s, l, i, end)});
        i = end;
        continue;
      }
      // Not a spaced number: this group of digits alone ("2025 13800138000").
      size_t j = i;
      while (j < l.cps.size() && IsDigit(l.cps[j])) ++j;
      std::string group;
      for (size_t k = i; k < j; ++k) group += static_cast<char>(l.cps[k]);
      if (IsMobile(group)) out->push_back({HandleKind::kPhone, group, Original(s, l, i, j)});
      i = j;
      continue;
    }
    ++i;
  }
}

}  // namespace jianmei::campaign
