#include "screen/report_json_writer.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text/normalized_text.h"

namespace jianmei::screen {
namespace {

void AppendKey(std::string_view key, std::string* out) {
  out->push_back('"');
  out->append(key);
  out->append("\":");
}

void AppendInt(long long v, std::string* out) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;  // cannot fail: 24 > 20
  out->append(digits, end);
}

void AppendSpan(Span s, std::string_view text, std::string* out) {
  AppendKey("span", out);
  out->push_back('[');
  AppendInt(s.begin, out);
  out->push_back(',');
  AppendInt(s.end, out);
  out->append("],");
  AppendKey("text", out);
  AppendJsonString(s.Slice(text), out);
}

void AppendEntity(const EntityInfo& e, std::string* out) {
  AppendKey("entity", out);
  out->push_back('{');
  if (e.grade > 0) {
    AppendKey("grade", out);
    AppendInt(e.grade, out);
    out->push_back(',');
  }
  AppendKey("id", out);
  AppendJsonString(e.id, out);
  out->append(",\"kind\":");
  AppendJsonString(e.kind, out);
  out->append(",\"name\":");
  AppendJsonString(e.name, out);
  out->append(",\"status\":");
  AppendJsonString(e.status, out);
  out->push_back('}');
}

void AppendFinding(const Finding& f, std::string_view text, std::string* out) {
  out->push_back('{');
  if (f.ambiguous) out->append("\"ambiguous\":true,");
  AppendKey("basis", out);
  out->push_back('[');
  for (size_t i = 0; i < f.basis.size(); ++i) {
    const kb::Law* law = f.basis[i];
    out->append(i ? ",{\"certainty\":" : "{\"certainty\":");
    AppendJsonString(kb::CertaintyName(law->prov.certainty), out);
    out->append(",\"cite\":");
    AppendJsonString(law->cite, out);
    out->append(",\"id\":");
    AppendJsonString(law->id, out);
    out->push_back('}');
  }
  out->append("],\"category\":");
  AppendJsonString(CategoryName(f.category), out);
  out->append(",\"certainty\":");
  AppendJsonString(kb::CertaintyName(f.certainty), out);
  out->push_back(',');
  if (f.confidence < 100) {
    // nlohmann writes the shortest text that reads back as the same double; so does fmt.
    fmt::format_to(std::back_inserter(*out), "\"confidence\":{},", f.confidence / 100.0);
  }
  if (f.has_entity) {
    AppendEntity(f.entity, out);
    out->push_back(',');
  }
  AppendKey("evasion", out);
  out->push_back('[');
  bool first = true;
  for (const char* name : text::EvasionNames(f.evasion)) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(name, out);
  }
  out->append("],\"explanation\":");
  AppendJsonString(f.explanation, out);
  out->append(",\"rule\":");
  AppendJsonString(f.rule, out);
  out->append(",\"severity\":");
  AppendJsonString(SeverityName(f.severity), out);
  out->push_back(',');
  AppendSpan(f.span, text, out);
  out->push_back('}');
}

// Index of the first byte in [i, n) that is a control character, '"' or '\\', or n: 16 bytes at
// a time with SSE2 (part of every x86-64), the rest one by one.
size_t NextToEscape(const char* s, size_t i, size_t n) {
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    // Unsigned v < 0x20 is min(v, 0x1F) == v.
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v);
    const __m128i hit = _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(v, quote),
                                                           _mm_cmpeq_epi8(v, backslash)));
    if (const int mask = _mm_movemask_epi8(hit)) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return n;
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = NextToEscape(s.data(), 0, s.size()); i < s.size();
       i = NextToEscape(s.data(), run, s.size())) {
    const auto c = static_cast<unsigned char>(s[i]);
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default: fmt::format_to(std::back_inserter(*out), "\\u{:04x}", c); break;
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

void AppendReportJson(const Report& r, std::string_view text, std::string_view id_json,
                      const std::vector<std::string>& warnings, std::string* out) {
  out->push_back('{');
  if (!id_json.empty()) {
    AppendKey("id", out);
    out->append(id_json);
    out->push_back(',');
  }
  AppendKey("findings", out);
  out->push_back('[');
  for (size_t i = 0; i < r.findings.size(); ++i) {
    if (i) out->push_back(',');
    AppendFinding(r.findings[i], text, out);
  }
  out->append("],\"mentions\":[");
  for (size_t i = 0; i < r.mentions.size(); ++i) {
    out->append(i ? ",{" : "{");
    AppendEntity(r.mentions[i].entity, out);
    out->push_back(',');
    AppendSpan(r.mentions[i].span, text, out);
    out->push_back('}');
  }
  out->append(r.promotional ? "],\"promotional\":true,\"risk\":" : "],\"promotional\":false,\"risk\":");
  AppendInt(r.risk, out);
  out->append(",\"verdict\":");
  AppendJsonString(VerdictName(r.verdict), out);
  if (!warnings.empty()) {
    out->append(",\"warnings\":[");
    for (size_t i = 0; i < warnings.size(); ++i) {
      if (i) out->push_back(',');
      AppendJsonString(warnings[i], out);
    }
    out->push_back(']');
  }
  out->push_back('}');
}

}  // namespace jianmei::screen
