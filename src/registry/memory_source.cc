#include "registry/memory_source.h"

#include <algorithm>
#include <cstdio>

#include "registry/name_keys.h"
#include "registry/record_writer.h"

namespace jianmei::registry {
namespace {

void Fnv(uint64_t* h, std::string_view s) {
  for (unsigned char c : s) *h = (*h ^ c) * 1099511628211ull;
  *h = (*h ^ 0xFF) * 1099511628211ull;  // field separator
}

}  // namespace

MemorySource::MemorySource(const text::Normalizer& normalizer, std::vector<Institution> institutions,
                           std::vector<Doctor> doctors)
    : institutions_(std::move(institutions)), doctors_(std::move(doctors)) {
  uint64_t h = 1469598103934665603ull;
  search_keys_.reserve(institutions_.size());
  for (size_t i = 0; i < institutions_.size(); ++i) {
    const Institution& inst = institutions_[i];
    for (const std::string& f : InstitutionFields(inst)) Fnv(&h, f);
    by_licence_.emplace(inst.licence, i);
    NameKeys keys = KeysOf(normalizer, inst);
    for (std::string& n : keys.names) by_name_.emplace(std::move(n), i);
    for (std::string& c : keys.cores) by_core_[std::move(c)].push_back(i);
    search_keys_.push_back(std::move(keys.search));
  }
  for (size_t i = 0; i < doctors_.size(); ++i) {
    for (const std::string& f : DoctorFields(doctors_[i])) Fnv(&h, f);
    doctors_at_.emplace(doctors_[i].institution, i);
  }
  char hex[24];
  std::snprintf(hex, sizeof hex, "m%016llx", static_cast<unsigned long long>(h));
  version_ = hex;
}

Result<std::optional<Institution>> MemorySource::InstitutionByLicence(std::string_view licence) const {
  auto it = by_licence_.find(std::string(licence));
  if (it == by_licence_.end()) return std::optional<Institution>();
  return std::optional<Institution>(institutions_[it->second]);
}

Result<std::vector<Institution>> MemorySource::InstitutionsByName(std::string_view folded) const {
  std::vector<size_t> at;
  auto [begin, end] = by_name_.equal_range(std::string(folded));
  for (auto it = begin; it != end; ++it) at.push_back(it->second);
  std::sort(at.begin(), at.end());
  at.erase(std::unique(at.begin(), at.end()), at.end());
  std::vector<Institution> out;
  for (size_t i : at) out.push_back(institutions_[i]);
  return out;
}

Result<std::vector<std::string>> MemorySource::LicencesByCore(std::string_view key) const {
  std::vector<std::string> out;
  auto it = by_core_.find(std::string(key));
  if (it == by_core_.end()) return out;
  for (size_t i : it->second) out.push_back(institutions_[i].licence);  // pushed in registry order
  return out;
}

Result<std::vector<Institution>> MemorySource::Search(std::string_view folded, size_t limit) const {
  std::vector<Institution> out;
  if (folded.empty()) return out;
  for (size_t i = 0; i < institutions_.size() && out.size() < limit; ++i) {
    if (search_keys_[i].find(folded) != std::string::npos) out.push_back(institutions_[i]);
  }
  return out;
}

Result<std::vector<Doctor>> MemorySource::DoctorsAt(std::string_view institution_licence) const {
  std::vector<size_t> at;
  auto [begin, end] = doctors_at_.equal_range(std::string(institution_licence));
  for (auto it = begin; it != end; ++it) at.push_back(it->second);
  std::sort(at.begin(), at.end());
  std::vector<Doctor> out;
  for (size_t i : at) out.push_back(doctors_[i]);
  return out;
}

Result<std::vector<std::string>> MemorySource::CoresStartingWith(std::string_view prefix, size_t limit) const {
  std::vector<std::string> out;
  for (auto it = by_core_.upper_bound(prefix); it != by_core_.end() && out.size() < limit; ++it) {
    if (!std::string_view(it->first).starts_with(prefix)) break;
    out.push_back(it->first);
  }
  return out;
}

Status MemorySource::ForEachCore(const std::function<void(std::string_view key)>& fn) const {
  for (const auto& [key, at] : by_core_) fn(key);
  return Status::Ok();
}

}  // namespace jianmei::registry
