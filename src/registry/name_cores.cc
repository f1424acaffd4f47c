#include "registry/name_cores.h"

#include <algorithm>

#include "core/utf8.h"

namespace jianmei::registry {
namespace {

// Stripped from the end, longest first, until none applies.
constexpr const char* kSuffixes[] = {
    "股份有限公司", "有限责任公司", "医疗美容门诊部", "医疗美容诊所", "医疗美容医院", "整形外科医院",
    "生活美容院", "综合门诊部", "医学美容", "医疗美容", "有限公司", "美容医院", "整形美容", "整形外科",
    "分公司", "门诊部", "美容院", "工作室", "医院", "诊所", "医美", "整形", "美容", "中心", "集团",
    "连锁", "门诊", "会所", "美学"};
constexpr const char* kPrefixes[] = {"省", "市", "区", "县"};

bool StripSuffix(std::string* s, std::string_view suffix) {
  if (s->size() < suffix.size() || s->compare(s->size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  s->resize(s->size() - suffix.size());
  return true;
}

bool StripPrefix(std::string* s, std::string_view prefix) {
  if (prefix.empty() || s->compare(0, prefix.size(), prefix) != 0) return false;
  s->erase(0, prefix.size());
  return true;
}

// Cuts bracketed branch names: 晨星医美（南山店） → 晨星医美.
std::string WithoutBrackets(const std::string& name) {
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < name.size();) {
    size_t len = 1;
    char32_t cp = utf8::Decode(name, i, &len);
    if (cp == U'(' || cp == U'（' || cp == U'[' || cp == U'【') ++depth;
    else if (cp == U')' || cp == U'）' || cp == U']' || cp == U'】') depth = std::max(0, depth - 1);
    else if (depth == 0 && cp != U' ' && cp != U'　') out.append(name, i, len);
    i += len;
  }
  return out;
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    utf8::Decode(s, i, &len);
    i += len;
    ++n;
  }
  return n;
}

}  // namespace

std::string NameCore(const std::string& name, const std::string& city) {
  std::string core = WithoutBrackets(name);
  std::string bare_city = city;
  for (const char* p : kPrefixes) StripSuffix(&bare_city, p);
  if (!StripPrefix(&core, city)) StripPrefix(&core, bare_city);
  StripPrefix(&core, "市");
  for (bool again = true; again;) {
    again = false;
    for (const char* s : kSuffixes) {
      if (StripSuffix(&core, s)) {
        again = true;  // start over: the longest suffix must win ("医疗美容" before "美容")
        break;
      }
    }
  }
  return CodePoints(core) >= 2 ? core : std::string();
}

std::vector<std::string> NameCores(const Institution& institution) {
  std::vector<std::string> out;
  auto add = [&](std::string s) {
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  };
  add(NameCore(institution.name, institution.city));
  for (const std::string& alias : institution.aliases) {
    add(NameCore(alias, institution.city));
    if (CodePoints(alias) >= 2) add(WithoutBrackets(alias));
  }
  return out;
}

}  // namespace jianmei::registry
