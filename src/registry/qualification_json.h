// JSON form of a qualification and of registry records (doc/registry.md §JSON), for
// `jianmei qualify --json` and the HTTP API. Pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "registry/model.h"
#include "registry/qualification.h"

namespace jianmei::registry {

nlohmann::json QualificationToJson(const Qualification& q);
nlohmann::json InstitutionToJson(const Institution& i);
nlohmann::json DoctorToJson(const Doctor& d);

}  // namespace jianmei::registry
