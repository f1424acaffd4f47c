// Coverage: what the knowledge base holds, counted (entries per kind and certainty), and how much
// of the 《医疗美容项目分级管理目录》 it has, part by part (`jianmei kb coverage`, doc/kb_format.md
// §Coverage). A pure function of a loaded Knowledge.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "kb/knowledge.h"

namespace jianmei::kb {

// Entries per certainty, indexed by Certainty (verified, agreed, single, recalled).
using CertaintyCounts = std::array<int, 4>;

struct KindCoverage {
  std::string kind;  // "law", "procedure (catalog)", "product (device)", "grade clause" …
  int entries = 0;
  CertaintyCounts certainty{};
};

struct PartCoverage {
  std::string specialty;
  int grade = 0;    // 1–4 for 美容外科, 0 for the ungraded specialties
  int entries = 0;  // catalog procedures of the knowledge base in this part
  CertaintyCounts certainty{};
  const CatalogPart* part = nullptr;  // what the knowledge base says of the part; null: nothing
  // Items the sources say the part has that the knowledge base lacks (items_stated − entries);
  // -1 when no source states how many items the part has.
  int lacking = -1;
};

// Products by what the knowledge base knows of each: a brand (its maker named), its registration
// number, its approved uses.
struct ProductCoverage {
  int products = 0, with_maker = 0, with_registration = 0, with_approved_uses = 0;
};

struct Coverage {
  std::vector<KindCoverage> kinds;
  ProductCoverage products;
  std::vector<PartCoverage> parts;  // 美容外科 一级…四级, then 美容牙科, 美容皮肤科, 美容中医科
  CertaintyCounts total{};
  int total_entries = 0;
};

Coverage MeasureCoverage(const Knowledge& kb);

}  // namespace jianmei::kb
