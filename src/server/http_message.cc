#include "server/http_message.h"

#include <strings.h>

#include <algorithm>

namespace jianmei::server {
namespace {

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

void Headers::Add(std::string name, std::string value) {
  fields_.emplace_back(std::move(name), std::move(value));
}

void Headers::Set(std::string name, std::string value) {
  Erase(name);
  Add(std::move(name), std::move(value));
}

void Headers::Erase(std::string_view name) {
  std::erase_if(fields_, [name](const auto& f) { return SameName(f.first, name); });
}

std::string Headers::Get(std::string_view name) const {
  for (const auto& f : fields_) {
    if (SameName(f.first, name)) return f.second;
  }
  return "";
}

bool Headers::Has(std::string_view name) const { return Count(name) > 0; }

size_t Headers::Count(std::string_view name) const {
  return static_cast<size_t>(
      std::count_if(fields_.begin(), fields_.end(), [name](const auto& f) { return SameName(f.first, name); }));
}

std::string Request::Param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

void Response::SetContent(std::string content, std::string content_type) {
  body = std::move(content);
  SetHeader("Content-Type", std::move(content_type));
}

}  // namespace jianmei::server
