#include "cli/complaint_prompt.h"

#include <string>

#include "core/civil_date.h"

namespace jianmei::cli {
namespace {

// Leading and trailing ASCII spaces and tabs off; a '\r' of a CRLF line too.
std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  size_t b = 0;
  while (b < s.size() && (s[b] == ' ' || s[b] == '\t')) ++b;
  return s.substr(b);
}

class Asker {
 public:
  Asker(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

  // One line; false at the end of the input.
  bool Line(const std::string& question, std::string* answer) {
    out_ << question << std::flush;
    std::string line;
    if (!std::getline(in_, line)) return false;
    *answer = Trim(line);
    return true;
  }
  // Asked until not empty (required) or accepted by `ok`.
  template <typename Ok>
  Status Field(const std::string& question, bool required, Ok ok, std::string* answer) {
    for (;;) {
      if (!Line(question, answer)) return Status::InvalidArgument("complaint: the input ended before " + question);
      if (answer->empty()) {
        if (!required) return Status::Ok();
        out_ << "  此项必填。\n";
        continue;
      }
      if (std::string why = ok(*answer); !why.empty()) {
        out_ << "  " << why << "\n";
        continue;
      }
      return Status::Ok();
    }
  }
  // Several lines, until an empty one.
  Status List(const std::string& question, std::vector<std::string>* items) {
    out_ << question << "（每行一项，空行结束）\n";
    for (std::string line;;) {
      if (!Line("  > ", &line)) return Status::Ok();
      if (line.empty()) return Status::Ok();
      items->push_back(line);
    }
  }

 private:
  std::istream& in_;
  std::ostream& out_;
};

std::string AnyText(const std::string&) { return {}; }

}  // namespace

std::optional<int64_t> ParseYuan(std::string_view text) {
  int64_t yuan = 0, fen = 0;
  int fraction_digits = -1;  // -1: before the point
  bool any = false;
  for (char c : text) {
    if (c == ',' && fraction_digits < 0) continue;
    if (c == '.' && fraction_digits < 0) {
      fraction_digits = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any = true;
    if (fraction_digits < 0) {
      if (yuan > 1'000'000'000'000) return std::nullopt;  // beyond any fee
      yuan = yuan * 10 + (c - '0');
    } else {
      if (++fraction_digits > 2) return std::nullopt;
      fen = fen * 10 + (c - '0');
    }
  }
  if (!any) return std::nullopt;
  if (fraction_digits == 1) fen *= 10;
  return yuan * 100 + fen;
}

Result<evidence::Complaint> PromptComplaint(std::istream& in, std::ostream& out) {
  Asker ask(in, out);
  evidence::Complaint c;
  out << "填写投诉（带 * 的为必填，其余可直接回车跳过）\n";
  std::string s;
  if (Status st = ask.Field("投诉人姓名: ", false, AnyText, &c.complainant_name); !st.ok()) return st;
  if (Status st = ask.Field("投诉人联系方式: ", false, AnyText, &c.complainant_contact); !st.ok()) return st;
  if (Status st = ask.Field("* 被投诉机构（名称或许可证号）: ", true, AnyText, &c.institution); !st.ok()) return st;
  if (Status st = ask.Field("被投诉机构地址: ", false, AnyText, &c.institution_address); !st.ok()) return st;
  if (Status st = ask.Field("* 医疗美容项目: ", true, AnyText, &c.procedure); !st.ok()) return st;
  auto date_ok = [](const std::string& d) {
    return IsIsoDate(d) ? std::string() : "日期写作 YYYY-MM-DD，例如 2025-03-01。";
  };
  if (Status st = ask.Field("发生日期 (YYYY-MM-DD): ", false, date_ok, &c.date); !st.ok()) return st;
  if (Status st = ask.Field("* 经过: ", true, AnyText, &c.narrative); !st.ok()) return st;
  auto money_ok = [](const std::string& m) {
    return ParseYuan(m) ? std::string() : "金额写作元，例如 19800 或 19800.50。";
  };
  if (Status st = ask.Field("支付金额（元）: ", false, money_ok, &s); !st.ok()) return st;
  if (!s.empty()) c.paid_cents = *ParseYuan(s);
  if (Status st = ask.List("损害后果", &c.harms); !st.ok()) return st;
  if (Status st = ask.Field("鉴定意见: ", false, AnyText, &c.appraisal); !st.ok()) return st;
  if (Status st = ask.List("诉求", &c.requests); !st.ok()) return st;
  std::vector<std::string> ids;
  auto ids_ok = [](const std::string& line) {
    for (char ch : line) {
      if ((ch < '0' || ch > '9') && ch != ' ' && ch != ',') return std::string("条目编号是数字，用空格或逗号隔开。");
    }
    return std::string();
  };
  if (Status st = ask.Field("引用的证据条目编号（空格隔开）: ", false, ids_ok, &s); !st.ok()) return st;
  for (size_t i = 0; i < s.size();) {
    if (s[i] < '0' || s[i] > '9') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j - i > 18) return Status::InvalidArgument("complaint: entry index " + s.substr(i, j - i) + " is too large");
    c.evidence_ids.push_back(std::stoull(s.substr(i, j - i)));
    i = j;
  }
  // The record the log keeps is the canonical JSON; parse it back so it obeys the same rules.
  return evidence::ParseComplaint(evidence::ComplaintToJson(c));
}

}  // namespace jianmei::cli
