#include "bench/post_generator.h"

#include <random>

namespace jianmei::bench {
namespace {

const std::vector<std::string> kProcedures = {
    "小腿肌肉阻断术", "瘦腿针", "双眼皮", "隆鼻", "吸脂", "玻尿酸", "水光针", "热玛吉", "线雕",
    "磨骨", "隆胸", "开眼角", "瘦脸针", "溶脂针", "自体脂肪填充", "植发", "去眼袋", "超声刀"};
const std::vector<std::string> kClaims = {
    "没有副作用", "不反弹", "一次见效", "零风险", "效果永久", "有效率高达98%", "全网最低价",
    "明星同款", "术前术后对比看图", "院长亲自操刀", "韩国首席专家", "腿粗毁所有", "限时秒杀"};
const std::vector<std::string> kOpeners = {
    "姐妹们", "分享一下", "终于下定决心了", "求推荐", "说一下我的经历", "今天去面诊了",
    "记录一下变美日记", "科普时间", "家人们谁懂啊", "本周活动"};
const std::vector<std::string> kFiller = {
    "今天天气不错，下班后和朋友去吃了火锅。", "最近工作太忙，周末只想在家躺着。",
    "医生很耐心，讲了很多注意事项。", "恢复期大概两周，消肿比想象中快。",
    "价格问了好几家，差别挺大的。", "一定要去正规医院，看清资质。", "我朋友去年也做过，说还可以。",
    "记者调查发现，部分机构仍在违规宣传。", "当初说是没有副作用，结果现在走路都疼。"};
const std::vector<std::string> kContacts = {"加V：meimei2021", "私信我", "预约电话13800000000",
                                            "戳主页领券", "vx同号", "到店咨询"};
const std::vector<std::string> kEmoji = {"✨", "💉", "🔥", "😍", "👇", "💰"};

std::string Evade(const std::string& s, std::mt19937_64& rng) {
  // Insert a space or a symbol between characters, as sellers do to slip past filters.
  std::string out;
  const char* sep = (rng() % 2) ? " " : "*";
  for (size_t i = 0; i < s.size();) {
    size_t len = (static_cast<unsigned char>(s[i]) >= 0xF0) ? 4
                 : (static_cast<unsigned char>(s[i]) >= 0xE0) ? 3
                 : (static_cast<unsigned char>(s[i]) >= 0xC0) ? 2 : 1;
    if (!out.empty()) out += sep;
    out += s.substr(i, len);
    i += len;
  }
  return out;
}

}  // namespace

std::vector<std::string> GeneratePosts(size_t count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& { return v[rng() % v.size()]; };
  std::vector<std::string> posts;
  posts.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    std::string p = pick(kOpeners) + pick(kEmoji) + "\n";
    const int kind = static_cast<int>(rng() % 10);
    const int sentences = 2 + static_cast<int>(rng() % 6);
    for (int s = 0; s < sentences; ++s) {
      if (kind < 5 && s % 2 == 0) {
        std::string proc = pick(kProcedures);
        p += (rng() % 5 == 0 ? Evade(proc, rng) : proc) + "，" + pick(kClaims) + "，";
        p += "仅需" + std::to_string(980 + rng() % 40000) + "元" + pick(kEmoji) + "\n";
      } else {
        p += pick(kFiller);
      }
    }
    if (kind < 5) p += pick(kContacts) + pick(kEmoji);
    posts.push_back(std::move(p));
  }
  return posts;
}

}  // namespace jianmei::bench
