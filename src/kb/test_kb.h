// Knowledge-base fragments for tests that load a small kb of their own (src/kb, src/screen):
// one law, every wording the screener fills in, one category note and a one-feature claim model.
#pragma once

namespace jianmei::kb::test_kb {

inline constexpr char kLaws[] = R"(
[[law]]
id = "ad-law-16-1"
law = "中华人民共和国广告法"
article = "第十六条"
cite = "《广告法》第十六条第一款第（一）项"
summary = "医疗广告不得含有表示功效、安全性的断言或者保证"
source = "test"
certainty = "verified"
)";

// Every wording the screener fills in (KnowledgeLoader::CheckWordings).
inline constexpr char kWording[] = R"(
[[wording]]
id = "wording.procedure.banned"
text = "「{name}」禁止。{about}"
source = "test"
certainty = "recalled"

[[wording]]
id = "wording.procedure.non_standard"
text = "{term} {about}"
source = "test"
certainty = "recalled"

[[wording]]
id = "wording.product.unapproved"
text = "{term} {summary}"
source = "test"
certainty = "recalled"

[[wording]]
id = "wording.venue.unlicensed"
text = "{venue} {procedure}"
source = "test"
certainty = "recalled"

[[wording]]
id = "wording.venue.beyond_grade"
text = "{procedure} {grade} {venue} {max_grade}"
source = "test"
certainty = "recalled"

[[wording]]
id = "wording.model.claim"
text = "{title} {percent} {explanation}"
source = "test"
certainty = "recalled"
)";

inline constexpr char kCategoryNote[] = R"(
[[category]]
id = "category.guarantee_efficacy_safety"
category = "guarantee_efficacy_safety"
title = "保证功效或安全"
explanation = "不得保证"
basis = ["ad-law-16-1"]
source = "test"
certainty = "agreed"
)";

// A one-feature model: "奇效" weighs 4 for guarantee_efficacy_safety, intercept -1, so a text
// holding it (and nothing else known) scores sigmoid(3) = 0.952574 and any other sigmoid(-1).
inline constexpr char kModel[] = R"(
[[model]]
id = "model.test"
weights = "w.tsv"
ngram_min = 1
ngram_max = 3
threshold = 0.5
threshold_outside_medical = 0.7
categories = ["guarantee_efficacy_safety"]
intercepts = [-1]
source = "test"
certainty = "recalled"

[[model.check]]
text = "一针奇效"
probabilities = [0.952574]

[[model.check]]
text = "你好"
probabilities = [0.268941]
)";

inline constexpr char kWeights[] = "# ngram\tidf\tguarantee_efficacy_safety\n奇效\t1\t4\n";

}  // namespace jianmei::kb::test_kb
