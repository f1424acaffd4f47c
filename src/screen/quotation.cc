#include "screen/quotation.h"

#include <algorithm>

namespace jianmei::screen {
namespace {

// A quotation longer than this is more likely an unmatched mark than a quote.
constexpr uint32_t kMaxQuoteBytes = 240;

struct Mark {
  std::string_view open, close;
};
// 《》 and 【】 are left out: they enclose titles and headings, which ads write their own slogans
// in as often as reports name a law in.
constexpr Mark kMarks[] = {{"“", "”"}, {"「", "」"}, {"『", "』"}, {"‘", "’"}, {"\"", "\""},
                           {"﹃", "﹄"}};

bool StartsWith(std::string_view text, size_t at, std::string_view s) {
  return text.compare(at, s.size(), s) == 0;
}

// The sentence ends the question test looks for.
constexpr std::string_view kSentenceEnds[] = {"。", "！", "!", "\n", "？", "?", "…"};
// Words that make a sentence ending in a question mark a real question. Ads ask rhetorically
// without them ("鼻头大、鼻翼宽，又丑又土？", "相亲失败?形象欠佳?").
constexpr std::string_view kQuestionWords[] = {
    "吗", "么", "嘛", "呢", "能不能", "会不会", "是不是", "有没有", "可不可以", "可以吗", "真的",
    "到底", "多久", "多少", "怎么", "为什么", "为何", "哪", "是否", "几年", "几次", "谁"};

}  // namespace

void Quotation::FindQuotedRegions() const {
  regions_found_ = true;
  quoted_.resize(std::size(kMarks));
  for (size_t kind = 0; kind < std::size(kMarks); ++kind) {
    const Mark& m = kMarks[kind];
    size_t at = 0;
    while ((at = text_.find(m.open, at)) != std::string_view::npos) {
      const size_t inner = at + m.open.size();
      const size_t close = text_.find(m.close, inner);
      if (close == std::string_view::npos) break;
      if (close - inner <= kMaxQuoteBytes) {
        quoted_[kind].push_back({static_cast<uint32_t>(inner), static_cast<uint32_t>(close)});
      }
      at = close + m.close.size();
    }
  }
}

bool Quotation::Quoted(Span s) const {
  if (!regions_found_) FindQuotedRegions();
  // Of each kind, only the last region starting at or before the span can hold it.
  return std::any_of(quoted_.begin(), quoted_.end(), [&](const std::vector<Span>& regions) {
    auto after = std::upper_bound(regions.begin(), regions.end(), s.begin,
                                  [](uint32_t pos, Span q) { return pos < q.begin; });
    return after != regions.begin() && s.end <= std::prev(after)->end;
  });
}

void Quotation::FindSentenceEnds() const {
  ends_found_ = true;
  for (std::string_view e : kSentenceEnds) {
    for (size_t p = text_.find(e); p != std::string_view::npos; p = text_.find(e, p + e.size())) {
      ends_.push_back({static_cast<uint32_t>(p), static_cast<uint32_t>(p + e.size())});
    }
  }
  // The marks are whole UTF-8 characters, so no two overlap.
  std::sort(ends_.begin(), ends_.end(), [](Span a, Span b) { return a.begin < b.begin; });
}

bool Quotation::Asked(Span s) const {
  if (!ends_found_) FindSentenceEnds();
  // The end of the sentence that holds the span: the first mark at or after its end.
  const auto next = std::lower_bound(ends_.begin(), ends_.end(), s.end,
                                     [](Span e, uint32_t pos) { return e.begin < pos; });
  if (next == ends_.end()) return false;
  const size_t end = next->begin;
  if (StartsWith(text_, end, "？") || StartsWith(text_, end, "?")) {
    // The sentence: from the previous sentence end (or the start) to its question mark.
    const auto prev = std::lower_bound(ends_.begin(), ends_.end(), s.begin,
                                       [](Span e, uint32_t pos) { return e.begin < pos; });
    const size_t begin = prev == ends_.begin() ? 0 : std::prev(prev)->end;
    const std::string_view sentence = text_.substr(begin, end - begin);
    return std::any_of(std::begin(kQuestionWords), std::end(kQuestionWords),
                       [&](std::string_view w) { return sentence.find(w) != std::string_view::npos; });
  }
  // "…吗。" and "…么" closing a sentence without its mark.
  std::string_view before = text_.substr(0, end);
  while (!before.empty() && (before.back() == ' ')) before.remove_suffix(1);
  return before.ends_with("吗") || before.ends_with("么") || before.ends_with("嘛");
}

}  // namespace jianmei::screen
