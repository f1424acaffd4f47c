#include "screen/report_json_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text/normalized_text.h"

namespace jianmei::screen {
namespace {

// The escape nlohmann::json::dump() writes for c (a control character, '"' or '\\') at p; returns
// the end.
char* WriteEscape(unsigned char c, char* p) {
  static constexpr std::string_view kShort = "\"\\\b\f\n\r\t", kShortLetter = "\"\\bfnrt";
  static constexpr char kHex[] = "0123456789abcdef";
  *p++ = '\\';
  if (const size_t k = kShort.find(static_cast<char>(c)); k != std::string_view::npos) {
    *p++ = kShortLetter[k];
    return p;
  }
  std::memcpy(p, "u00", 3);
  p[3] = kHex[c >> 4];
  p[4] = kHex[c & 0xF];
  return p + 5;
}

// Writes through a raw pointer into `out`: each piece first makes room for what it may write (the
// string is resized ahead), and the destructor cuts the string back to what was written. This
// spares the size and capacity checks of one append per key, quote and comma, and lets the
// escaper copy 16 bytes at a time in the same pass that looks for bytes to escape.
class JsonSink {
 public:
  explicit JsonSink(std::string* out) : out_(out), used_(out->size()) {}
  JsonSink(const JsonSink&) = delete;
  JsonSink& operator=(const JsonSink&) = delete;
  ~JsonSink() { out_->resize(used_); }

  // Bytes written as they are (keys, punctuation, JSON already made).
  [[gnu::always_inline]] void Raw(std::string_view s) {
    Room(s.size());
    std::memcpy(Cursor(), s.data(), s.size());
    used_ += s.size();
  }
  [[gnu::always_inline]] void Char(char c) {
    Room(1);
    *Cursor() = c;
    ++used_;
  }
  void Int(long long v) {
    Room(24);
    used_ = static_cast<size_t>(std::to_chars(Cursor(), Cursor() + 24, v).ptr - out_->data());
  }
  void String(std::string_view s);

 private:
  // Writes the escape for c at p, where `left` bytes of the string remain, c included. First
  // makes room for the escape (6 bytes at most), the bytes after it, the closing quote and a
  // block store's 16 (the string may move); returns the new cursor.
  char* Escape(unsigned char c, size_t left, char* p) {
    used_ = static_cast<size_t>(p - out_->data());
    Room(6 + (left - 1) + 1 + 16);
    return WriteEscape(c, Cursor());
  }
  char* Cursor() { return out_->data() + used_; }
  // Room for n more bytes. Growing zero-fills, so it doubles this sink's room rather than the
  // whole string, which may hold many records already (the server's batch body).
  [[gnu::always_inline]] void Room(size_t n) {
    const size_t room = out_->size() - used_;
    if (room < n) out_->resize(used_ + std::max({n, 2 * room, size_t{1024}}));
  }

  std::string* out_;
  size_t used_;  // bytes of *out_ that are output; the rest is room
};

void JsonSink::String(std::string_view s) {
  // Room for the quotes, every byte unescaped and the 16 bytes a block store may write past the
  // last byte it keeps; each escape makes room for its own extra bytes.
  Room(s.size() + 2 + 16);
  const char* src = s.data();
  const size_t n = s.size();
  char* p = Cursor();
  *p++ = '"';
  size_t i = 0;
#ifdef __SSE2__
  // SSE2 is part of every x86-64. Each block is stored whole, then the cursor advances only past
  // the bytes before the first one that needs escaping. The last, short block is read from a
  // copy so that nothing past the string is read.
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  while (i < n) {
    const size_t len = std::min<size_t>(16, n - i);
    __m128i v;
    if (len == 16) {
      v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    } else {
      alignas(16) char tail[16] = {};
      std::memcpy(tail, src + i, len);
      v = _mm_load_si128(reinterpret_cast<const __m128i*>(tail));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
    // Unsigned v < 0x20 is min(v, 0x1F) == v.
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v);
    const __m128i hit =
        _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit)) & ((1u << len) - 1);
    if (mask == 0) {
      p += len;
      i += len;
      continue;
    }
    const auto k = static_cast<size_t>(__builtin_ctz(mask));
    p += k;
    i += k;
    p = Escape(static_cast<unsigned char>(src[i]), n - i, p);
    ++i;
  }
#else
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(src[i]);
    if (c < 0x20 || c == '"' || c == '\\')
      p = Escape(c, n - i, p);
    else
      *p++ = static_cast<char>(c);
  }
#endif
  *p++ = '"';
  used_ = static_cast<size_t>(p - out_->data());
}

void AppendSpan(Span s, std::string_view text, JsonSink& out) {
  out.Raw("\"span\":[");
  out.Int(s.begin);
  out.Char(',');
  out.Int(s.end);
  out.Raw("],\"text\":");
  out.String(s.Slice(text));
}

void AppendEntity(const EntityInfo& e, JsonSink& out) {
  out.Raw("\"entity\":{");
  if (e.grade > 0) {
    out.Raw("\"grade\":");
    out.Int(e.grade);
    out.Char(',');
  }
  out.Raw("\"id\":");
  out.String(e.id);
  out.Raw(",\"kind\":");
  out.String(e.kind);
  out.Raw(",\"name\":");
  out.String(e.name);
  out.Raw(",\"status\":");
  out.String(e.status);
  out.Char('}');
}

// Two-decimal OCR confidence, written as nlohmann writes the double.
void AppendConfidence(float c, JsonSink& out) {
  char number[32];
  const auto written = fmt::format_to_n(number, sizeof number, "{}", OutputConfidence(c));
  const std::string_view text(number, written.size);
  out.Raw(text);
  // nlohmann writes a whole double as 1.0, fmt as 1.
  if (text.find_first_of(".e") == std::string_view::npos) out.Raw(".0");
}

void AppendBox(const image::Box& b, JsonSink& out) {
  out.Char('[');
  out.Int(b.x);
  out.Char(',');
  out.Int(b.y);
  out.Char(',');
  out.Int(b.w);
  out.Char(',');
  out.Int(b.h);
  out.Char(']');
}

void AppendImageSource(int image, JsonSink& out) {
  out.Raw("\"source\":{\"image\":");
  out.Int(image);
  out.Raw("},");
}

// `text` is the text the finding lies in (the post's or its image's).
void AppendFinding(const Finding& f, std::string_view text, JsonSink& out) {
  out.Char('{');
  if (f.ambiguous) out.Raw("\"ambiguous\":true,");
  out.Raw("\"basis\":[");
  for (size_t i = 0; i < f.basis.size(); ++i) {
    const kb::Law* law = f.basis[i];
    out.Raw(i ? ",{\"certainty\":" : "{\"certainty\":");
    out.String(kb::CertaintyName(law->prov.certainty));
    out.Raw(",\"cite\":");
    out.String(law->cite);
    out.Raw(",\"id\":");
    out.String(law->id);
    out.Char('}');
  }
  out.Raw("],\"category\":");
  out.String(CategoryName(f.category));
  out.Raw(",\"certainty\":");
  out.String(kb::CertaintyName(f.certainty));
  out.Char(',');
  if (f.confidence < 100) {
    // nlohmann writes the shortest text that reads back as the same double; so does fmt.
    char number[32];
    const auto written = fmt::format_to_n(number, sizeof number, "{}", f.confidence / 100.0);
    out.Raw("\"confidence\":");
    out.Raw({number, written.size});
    out.Char(',');
  }
  if (f.has_entity) {
    AppendEntity(f.entity, out);
    out.Char(',');
  }
  out.Raw("\"evasion\":[");
  bool first = true;
  for (const char* name : text::EvasionNames(f.evasion)) {
    if (!first) out.Char(',');
    first = false;
    out.String(name);
  }
  out.Raw("],\"explanation\":");
  out.String(f.explanation);
  out.Raw(",\"rule\":");
  out.String(f.rule);
  out.Raw(",\"severity\":");
  out.String(SeverityName(f.severity));
  out.Char(',');
  if (f.image >= 0) {
    out.Raw("\"source\":{\"box\":");
    AppendBox(f.box, out);
    out.Raw(",\"image\":");
    out.Int(f.image);
    out.Raw(",\"ocr_confidence\":");
    AppendConfidence(f.ocr_confidence, out);
    out.Raw("},");
  }
  AppendSpan(f.span, text, out);
  out.Char('}');
}

void AppendContext(const Report& r, std::string_view text, JsonSink& out) {
  out.Raw("\"context\":{\"cues\":[");
  for (size_t i = 0; i < r.cues.size(); ++i) {
    const Cue& c = r.cues[i];
    out.Raw(i ? ",{\"cue\":" : "{\"cue\":");
    out.String(c.name);
    out.Raw(c.for_promotion ? ",\"for\":\"promotion\"," : ",\"for\":\"against\",");
    if (c.image >= 0) AppendImageSource(c.image, out);
    out.Raw("\"text\":");
    out.String(c.span.Slice(SourceText(r, text, c.image)));
    out.Char('}');
  }
  out.Raw("],\"kind\":");
  out.String(TextKindName(r.kind));
  out.Char('}');
}

void AppendImages(const Report& r, JsonSink& out) {
  out.Raw("\"images\":[");
  for (size_t i = 0; i < r.images.size(); ++i) {
    const ImageReading& reading = r.images[i];
    if (i) out.Char(',');
    out.Char('{');
    if (!reading.error.empty()) {
      out.Raw("\"error\":");
      out.String(reading.error);
      out.Raw(",\"image\":");
      out.Int(static_cast<long long>(i));
      out.Raw(",\"name\":");
      out.String(reading.name);
      out.Char('}');
      continue;
    }
    const image::ImageText& t = reading.text;
    out.Raw("\"format\":");
    out.String(t.format);
    out.Raw(",\"height\":");
    out.Int(t.height);
    out.Raw(",\"image\":");
    out.Int(static_cast<long long>(i));
    out.Raw(",\"lines\":[");
    for (size_t k = 0; k < t.lines.size(); ++k) {
      const image::OcrLine& line = t.lines[k];
      out.Raw(k ? ",{\"box\":" : "{\"box\":");
      AppendBox(line.box, out);
      out.Raw(",\"confidence\":");
      AppendConfidence(line.confidence, out);
      out.Char(',');
      AppendSpan(line.span, t.text, out);
      out.Char('}');
    }
    out.Raw("],\"name\":");
    out.String(reading.name);
    out.Raw(",\"text\":");
    out.String(t.text);
    out.Raw(",\"width\":");
    out.Int(t.width);
    out.Char('}');
  }
  out.Char(']');
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) { JsonSink(out).String(s); }

void AppendReportJson(const Report& r, std::string_view text, const RecordFields& fields,
                      std::string* out_string) {
  JsonSink out(out_string);
  out.Char('{');
  if (fields.id) {
    out.Raw("\"id\":");
    out.String(*fields.id);
    out.Char(',');
  }
  AppendContext(r, text, out);
  out.Raw(",\"findings\":[");
  for (size_t i = 0; i < r.findings.size(); ++i) {
    if (i) out.Char(',');
    AppendFinding(r.findings[i], SourceText(r, text, r.findings[i].image), out);
  }
  out.Raw("],");
  if (!r.images.empty()) {
    AppendImages(r, out);
    out.Char(',');
  }
  out.Raw("\"mentions\":[");
  for (size_t i = 0; i < r.mentions.size(); ++i) {
    const Mention& m = r.mentions[i];
    out.Raw(i ? ",{" : "{");
    AppendEntity(m.entity, out);
    out.Char(',');
    if (m.image >= 0) AppendImageSource(m.image, out);
    AppendSpan(m.span, SourceText(r, text, m.image), out);
    out.Char('}');
  }
  out.Raw(r.promotional ? "],\"promotional\":true,\"risk\":" : "],\"promotional\":false,\"risk\":");
  out.Int(r.risk);
  out.Raw(",\"verdict\":");
  out.String(VerdictName(r.verdict));
  // The front door's warnings (the input's), then the report's (the screening's).
  const size_t front = fields.warnings ? fields.warnings->size() : 0;
  if (front + r.warnings.size() > 0) {
    out.Raw(",\"warnings\":[");
    for (size_t i = 0; i < front + r.warnings.size(); ++i) {
      if (i) out.Char(',');
      out.String(i < front ? (*fields.warnings)[i] : r.warnings[i - front]);
    }
    out.Char(']');
  }
  for (const OutputField& f : fields.extra) {
    out.Char(',');
    out.String(f.key);
    out.Char(':');
    if (const auto* s = std::get_if<std::string_view>(&f.value)) out.String(*s);
    else out.Int(std::get<int64_t>(f.value));
  }
  out.Char('}');
}

}  // namespace jianmei::screen
