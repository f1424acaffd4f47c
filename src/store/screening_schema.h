// The "screenings" component's schema migrations (store/migrations.h): stored posts and findings.
#pragma once

#include <span>
#include <string>

namespace jianmei::store {

std::span<const std::string> ScreeningMigrations();

}  // namespace jianmei::store
