// A printable HTML report of a verified bundle, for a complaint file. Every piece of text that
// came from users or the bundle is HTML-escaped. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "evidence/bundle.h"

namespace jianmei::evidence {

std::string HtmlEscape(std::string_view text);
std::string RenderHtmlReport(const BundleReport& report);

}  // namespace jianmei::evidence
