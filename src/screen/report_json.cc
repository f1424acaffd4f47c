#include "screen/report_json.h"

#include "text/normalized_text.h"

namespace jianmei::screen {
namespace {

nlohmann::json EntityJson(const EntityInfo& e) {
  nlohmann::json j = {{"kind", e.kind}, {"id", e.id}, {"name", e.name}, {"status", e.status}};
  if (e.grade > 0) j["grade"] = e.grade;
  return j;
}

nlohmann::json EvasionJson(uint8_t mask) {
  nlohmann::json j = nlohmann::json::array();
  for (const char* name : text::EvasionNames(mask)) j.push_back(name);
  return j;
}

nlohmann::json BoxJson(const image::Box& b) { return {b.x, b.y, b.w, b.h}; }

nlohmann::json ImagesJson(const Report& r) {
  nlohmann::json images = nlohmann::json::array();
  for (size_t i = 0; i < r.images.size(); ++i) {
    const ImageReading& reading = r.images[i];
    nlohmann::json j = {{"image", i}, {"name", reading.name}};
    if (!reading.error.empty()) {
      j["error"] = reading.error;
    } else {
      const image::ImageText& t = reading.text;
      nlohmann::json lines = nlohmann::json::array();
      for (const image::OcrLine& line : t.lines) {
        lines.push_back({{"box", BoxJson(line.box)},
                         {"confidence", OutputConfidence(line.confidence)},
                         {"span", {line.span.begin, line.span.end}},
                         {"text", std::string(line.span.Slice(t.text))}});
      }
      j["format"] = t.format;
      j["width"] = t.width;
      j["height"] = t.height;
      j["text"] = t.text;
      j["lines"] = std::move(lines);
    }
    images.push_back(std::move(j));
  }
  return images;
}

}  // namespace

nlohmann::json ReportToJson(const Report& r, std::string_view text) {
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& f : r.findings) {
    nlohmann::json basis = nlohmann::json::array();
    for (const kb::Law* law : f.basis) {
      basis.push_back({{"id", law->id}, {"cite", law->cite},
                       {"certainty", kb::CertaintyName(law->prov.certainty)}});
    }
    nlohmann::json j = {
        {"category", CategoryName(f.category)},
        {"rule", f.rule},
        {"severity", SeverityName(f.severity)},
        {"span", {f.span.begin, f.span.end}},
        {"text", std::string(f.span.Slice(SourceText(r, text, f.image)))},
        {"evasion", EvasionJson(f.evasion)},
    };
    if (f.has_entity) j["entity"] = EntityJson(f.entity);
    j["basis"] = std::move(basis);
    j["explanation"] = f.explanation;
    j["certainty"] = kb::CertaintyName(f.certainty);
    if (f.ambiguous) j["ambiguous"] = true;
    if (f.confidence < 100) j["confidence"] = f.confidence / 100.0;
    if (f.image >= 0) {
      j["source"] = {{"image", f.image}, {"box", BoxJson(f.box)},
                     {"ocr_confidence", OutputConfidence(f.ocr_confidence)}};
    }
    findings.push_back(std::move(j));
  }
  nlohmann::json mentions = nlohmann::json::array();
  for (const Mention& m : r.mentions) {
    nlohmann::json j = {{"entity", EntityJson(m.entity)},
                        {"span", {m.span.begin, m.span.end}},
                        {"text", std::string(m.span.Slice(SourceText(r, text, m.image)))}};
    if (m.image >= 0) j["source"] = {{"image", m.image}};
    mentions.push_back(std::move(j));
  }
  nlohmann::json cues = nlohmann::json::array();
  for (const Cue& c : r.cues) {
    nlohmann::json j = {{"cue", c.name},
                        {"for", c.for_promotion ? "promotion" : "against"},
                        {"text", std::string(c.span.Slice(SourceText(r, text, c.image)))}};
    if (c.image >= 0) j["source"] = {{"image", c.image}};
    cues.push_back(std::move(j));
  }
  nlohmann::json out = {{"verdict", VerdictName(r.verdict)},
                        {"context", {{"kind", TextKindName(r.kind)}, {"cues", std::move(cues)}}},
                        {"risk", r.risk},
                        {"promotional", r.promotional},
                        {"findings", std::move(findings)},
                        {"mentions", std::move(mentions)}};
  if (!r.images.empty()) out["images"] = ImagesJson(r);
  if (!r.warnings.empty()) out["warnings"] = r.warnings;
  return out;
}

}  // namespace jianmei::screen
