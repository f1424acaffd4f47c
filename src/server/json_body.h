// A request body that must be one JSON object: valid UTF-8, valid JSON, an object. Errors say
// where (the byte) and why, for the API's 400 answers.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/status.h"

namespace jianmei::server {

Result<nlohmann::json> ParseJsonObjectBody(std::string_view body);

// InvalidArgument "where: why".
Status BadField(const std::string& where, const std::string& why);

}  // namespace jianmei::server
