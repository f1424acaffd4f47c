// Name cores: the distinctive part of an institution's registered name that posts use
// ("深圳市晨星医疗美容门诊部有限公司" → "晨星"), found by stripping the city, company forms and
// institution words. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "registry/model.h"

namespace jianmei::registry {

// The cores of an institution's name and aliases (each at most once, at least two characters;
// an alias is also kept whole). Empty when nothing distinctive is left ("美容医院").
std::vector<std::string> NameCores(const Institution& institution);
// One name's core, "" when nothing distinctive is left.
std::string NameCore(const std::string& name, const std::string& city);

// Cores of fewer Han characters than this must be followed by an institution word to count.
inline constexpr int kStandaloneCoreChars = 3;
// The institution words a short core must be followed by in a post (registry/name_matcher.h).
inline constexpr const char* kInstitutionWords[] = {"医疗美容", "医美", "整形", "美容", "门诊", "诊所",
                                                   "医院"};

}  // namespace jianmei::registry
