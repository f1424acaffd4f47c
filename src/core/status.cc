#include "core/status.h"

namespace jianmei {

std::string Status::ToString() const {
  const char* prefix = "ok";
  switch (code_) {
    case Code::kOk: return "ok";
    case Code::kInvalidArgument: prefix = "invalid argument"; break;
    case Code::kNotFound: prefix = "not found"; break;
    case Code::kCorruption: prefix = "corruption"; break;
    case Code::kIoError: prefix = "io error"; break;
    case Code::kInternal: prefix = "internal"; break;
  }
  return std::string(prefix) + ": " + message_;
}

}  // namespace jianmei
