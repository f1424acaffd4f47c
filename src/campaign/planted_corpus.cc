#include "campaign/planted_corpus.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string_view>

#include "campaign/common_shingles.h"
#include "core/rfc3339.h"
#include "text/normalizer.h"
#include "core/utf8.h"

namespace jianmei::campaign {
namespace {

using Pool = std::vector<std::string_view>;

const Pool kProcedures = {"瘦腿针", "双眼皮", "隆鼻", "吸脂", "玻尿酸", "水光针", "热玛吉", "线雕",
                          "光子嫩肤", "瘦脸针", "溶脂针", "自体脂肪填充", "植发", "去眼袋", "超声刀",
                          "开眼角", "隆胸", "磨骨", "小腿肌肉阻断术", "祛斑"};
const Pool kCities = {"北京", "上海", "广州", "深圳", "成都", "杭州", "重庆", "武汉", "西安", "长沙",
                      "南京", "苏州", "郑州", "青岛", "厦门"};
const Pool kNameA = {"美", "丽", "星", "悦", "雅", "颜", "俪", "娇", "韩", "臻", "艺", "伊", "华", "馨",
                     "格", "妍", "凯", "瑞", "蔓", "薇"};
const Pool kNameB = {"医疗美容诊所", "整形医院", "美容医院", "医美中心", "门诊部"};
const Pool kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "林"};
const Pool kFriends = {"闺蜜", "同事", "表姐", "室友", "大学同学", "邻居姐姐", "老同学", "发小"};
const Pool kOpeners = {"姐妹们", "分享一下", "终于下定决心了", "说一下我的经历", "今天去面诊了",
                       "记录一下变美日记", "家人们谁懂啊", "憋不住了必须来说", "来还愿了", "更新一下"};
const Pool kTimes = {"上个月", "前两周", "去年冬天", "三月份", "国庆期间", "过年前", "上周末",
                     "年初", "暑假", "前几天"};
const Pool kFeel = {"纠结了很久", "犹豫了半年", "一直很自卑", "被朋友种草", "刷了很多笔记",
                    "对比了好几家", "做了很多功课", "鼓起勇气", "心动了好久", "偷偷存钱"};
const Pool kEvent = {"去做了", "约了", "面诊后做了", "终于做了", "咨询完直接做了", "预约了",
                     "跟着做了", "一口气做了"};
const Pool kResult = {"效果真的绝了", "恢复得很快", "朋友都说变好看了", "完全看不出来做过",
                      "消肿比想象中快", "自然到没人发现", "上镜好看太多", "整个人自信了",
                      "第二天就能上班", "一点都不夸张"};
const Pool kDoctor = {"医生特别耐心", "医生审美在线", "医生手法很轻", "医生讲得很细",
                      "医生没有推销", "医生经验丰富", "医生会根据脸型设计", "医生很温柔"};
const Pool kPainFree = {"全程几乎不疼", "打了麻药没什么感觉", "就像被蚊子叮了一下", "疼痛完全能接受",
                        "比想象中轻松多了", "躺着睡一觉就好了"};
const Pool kClaims = {"没有副作用", "不反弹", "一次见效", "零风险", "效果永久", "全网最低价",
                      "明星同款", "院长亲自操刀", "韩国首席专家", "限时秒杀", "术后包修复"};
const Pool kCta = {"想了解的姐妹可以私信", "有需要的可以问我", "需要的宝子评论区扣1", "名额有限先到先得",
                   "报我名字有优惠", "可以帮你约同一个医生", "想要链接的滴滴我"};
const Pool kContactLead = {"加微信", "薇信", "vx", "咨询电话", "扣扣"};
const Pool kEveryday = {"今天天气不错下班后和朋友去吃了火锅", "最近工作太忙周末只想在家躺着",
                        "恢复期大概两周每天都要冰敷", "价格问了好几家差别挺大的",
                        "一定要去正规医院看清资质", "记者调查发现部分机构仍在违规宣传",
                        "当初说是没有副作用结果现在走路都疼", "有没有姐妹知道靠谱的医院",
                        "求推荐一下性价比高的地方", "术后一个月了还是有点肿",
                        "这家店态度很差收费还不透明", "大家理性看待不要盲目跟风"};
const Pool kEmoji = {"✨", "💉", "🔥", "😍", "👇", "💰", "🥰", "❤️", "‼️", "🌸"};
const std::vector<std::pair<std::string_view, std::string_view>> kSynonyms = {
    {"姐妹们", "集美们"}, {"真的", "确实"}, {"特别", "超级"}, {"很快", "挺快"}, {"效果", "成效"},
    {"医生", "大夫"}, {"推荐", "安利"}, {"好看", "漂亮"}, {"做了", "弄了"}, {"朋友", "小伙伴"},
    {"耐心", "细心"}, {"比想象中", "比预想的"}, {"一点都不", "完全不"}, {"纠结", "犹豫"},
    {"私信", "留言"}, {"自然", "自然得很"}, {"整个人", "我整个人"}, {"可以", "能"},
    {"恢复", "修复"}, {"价格", "价钱"}, {"了解", "咨询"}, {"上班", "工作"}, {"有需要", "感兴趣"}};
const std::vector<std::pair<std::string_view, std::string_view>> kTraditional = {
    {"医", "醫"}, {"疗", "療"}, {"们", "們"}, {"时", "時"}, {"这", "這"}, {"说", "說"}, {"术", "術"},
    {"脸", "臉"}, {"针", "針"}, {"费", "費"}, {"线", "線"}, {"还", "還"}, {"觉", "覺"}, {"现", "現"},
    {"点", "點"}, {"约", "約"}, {"诊", "診"}, {"听", "聽"}, {"对", "對"}, {"经", "經"}};
const Pool kAsides = {"我是真的没收钱", "纯分享不是广告", "不信你们去看", "我妈都说好看",
                      "男朋友都没认出来", "建议早点去", "说实话有点贵", "讲真很值"};

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  std::string_view Pick(const Pool& p) { return p[rng_() % p.size()]; }
  int Int(int lo, int hi) { return lo + static_cast<int>(rng_() % (hi - lo + 1)); }
  double Real() { return std::uniform_real_distribution<>(0, 1)(rng_); }
  std::mt19937_64& rng() { return rng_; }

  std::string Clinic() {
    return std::string(Pick(kCities)) + std::string(Pick(kNameA)) + std::string(Pick(kNameA)) +
           std::string(Pick(kNameB));
  }
  std::string Contact() {
    const std::string_view lead = Pick(kContactLead);
    std::string v;
    if (lead == "咨询电话") {
      v = "1" + std::to_string(Int(3, 9));
      for (int i = 0; i < 9; ++i) v += static_cast<char>('0' + Int(0, 9));
    } else if (lead == "扣扣") {
      v = std::to_string(Int(10000000, 999999999));
    } else {
      for (int i = 0, n = Int(5, 8); i < n; ++i) v += static_cast<char>('a' + Int(0, 25));
      v += std::to_string(Int(10, 9999));
    }
    return std::string(lead) + "：" + v;
  }
  std::string Account() {
    static const Pool a = {"小鹿", "橙子", "momo", "糖糖", "阿七", "柚子", "小雨", "奶茶", "小鱼", "桃子"};
    static const Pool b = {"爱美", "日记", "不吃香菜", "在成都", "酱", "呀", "的小窝", "变美中", "同学", ""};
    return std::string(Pick(a)) + std::string(Pick(b)) + "_" + std::to_string(rng_() % 100000);
  }

  // A personal-sounding ad: one draft per campaign, 7–10 sentences from combined fragments.
  std::vector<std::string> Draft(const std::string& clinic, const std::string& doctor,
                                 std::string_view procedure, const std::string& contact) {
    std::vector<std::string> s;
    s.push_back(std::string(Pick(kOpeners)));
    s.push_back(std::string(Pick(kTimes)) + std::string(Pick(kFeel)) + "，" + std::string(Pick(kEvent)) +
                std::string(procedure));
    s.push_back("是" + std::string(Pick(kFriends)) + "推荐的" + clinic);
    s.push_back(doctor + std::string(Pick(kDoctor)) + "，" + std::string(Pick(kPainFree)));
    s.push_back("现在" + std::string(Pick(kResult)) + "，" + std::string(Pick(kResult)));
    s.push_back("价格" + std::to_string(Int(18, 298) * 100) + "元，" + std::string(Pick(kClaims)));
    if (Real() < 0.7) s.push_back(std::string(Pick(kAsides)) + "，" + std::string(Pick(kDoctor)));
    if (Real() < 0.6) s.push_back(std::string(Pick(kTimes)) + "复查" + std::string(Pick(kResult)));
    s.push_back(std::string(Pick(kCta)) + (contact.empty() ? "" : "，" + contact));
    return s;
  }

  // A background post of the same niche.
  std::string Background(const std::string& own_contact) {
    std::string p;
    const int kind = Int(0, 9);
    auto sentence = [&](std::string x) { p += x + (Real() < 0.8 ? "。" : "！"); };
    sentence(std::string(Pick(kOpeners)) + std::string(Pick(kEmoji)));
    const int n = Int(2, 6);
    for (int i = 0; i < n; ++i) {
      switch (kind <= 2 ? Int(0, 3) : kind <= 5 ? Int(2, 5) : Int(4, 6)) {
        case 0: sentence(std::string(Pick(kTimes)) + std::string(Pick(kEvent)) + std::string(Pick(kProcedures))); break;
        case 1: sentence(std::string(Pick(kDoctor)) + "，" + std::string(Pick(kResult))); break;
        case 2: sentence(std::string(Pick(kEveryday))); break;
        case 3: sentence(std::string(Pick(kProcedures)) + std::string(Pick(kClaims)) + "，仅需" +
                         std::to_string(Int(980, 40000)) + "元"); break;
        case 4: sentence(std::string(Pick(kFeel)) + "，" + std::string(Pick(kEveryday))); break;
        case 5: sentence("有没有人做过" + std::string(Pick(kProcedures)) + "，" + std::string(Pick(kPainFree)) + "吗"); break;
        default: sentence(std::string(Pick(kCities)) + std::string(Pick(kEveryday))); break;
      }
    }
    if (kind >= 8 && !own_contact.empty()) sentence(std::string(Pick(kCta)) + "，" + own_contact);
    return p;
  }

 private:
  std::mt19937_64 rng_;
};

size_t Chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Replaces the first occurrence of `from` at or after a random position; returns the chars changed.
size_t Replace(std::string* s, std::string_view from, std::string_view to, Gen& g) {
  size_t pos = s->find(from, g.Int(0, static_cast<int>(s->size() / 2)));
  if (pos == std::string::npos) pos = s->find(from);
  if (pos == std::string::npos) return 0;
  s->replace(pos, from.size(), to);
  return std::max(Chars(from), Chars(to));
}

// One copy of the draft with content edits changing about `rate` of its characters.
std::string EditCopy(std::vector<std::string> s, double rate, Gen& g) {
  size_t total = 0;
  for (const auto& x : s) total += Chars(x);
  const auto budget = static_cast<size_t>(rate * static_cast<double>(total));
  size_t spent = 0;
  for (int attempts = 0; spent < budget && attempts < 200; ++attempts) {
    std::string& line = s[g.Int(0, static_cast<int>(s.size()) - 1)];
    const std::string before = line;
    size_t cost = 0;
    switch (g.Int(0, 4)) {
      case 0: {  // synonym swap
        const auto& [a, b] = kSynonyms[g.Int(0, static_cast<int>(kSynonyms.size()) - 1)];
        cost = Replace(&line, a, b, g);
        break;
      }
      case 1: {  // changed price (the last sentence holds the contact, not a price)
        if (&line == &s.back()) break;
        const size_t p = line.find_first_of("0123456789");
        if (p == std::string::npos) break;
        const size_t e = line.find_first_not_of("0123456789", p);
        const std::string v = std::to_string(g.Int(18, 298) * 100);
        cost = std::max(e - p, v.size());
        line.replace(p, e - p, v);
        break;
      }
      case 2: {  // changed names: the friend or the doctor's surname
        for (std::string_view f : kFriends) {
          if (line.find(f) != std::string::npos) { cost = Replace(&line, f, g.Pick(kFriends), g); break; }
        }
        if (cost == 0 && line.find("医生") != std::string::npos && line.size() > 3 && line.find("医生") == 3) {
          line.replace(0, 3, g.Pick(kSurnames));
          cost = 1;
        }
        break;
      }
      case 3: {  // inserted phrase
        const std::string_view a = g.Pick(kAsides);
        line += "，" + std::string(a);
        cost = Chars(a);
        break;
      }
      default: {  // deleted clause (never the last, which carries the contact)
        const size_t c = line.rfind("，");
        if (&line == &s.back() || c == std::string::npos) break;
        cost = Chars(line.substr(c));
        line.erase(c);
        break;
      }
    }
    if (cost > budget - spent + 4) {  // do not overshoot the budget by much
      line = before;
      continue;
    }
    spent += cost;
  }
  // Cosmetic edits, not counted: reorder two middle sentences, emoji and noise, traditional.
  if (s.size() > 4 && g.Real() < 0.5) {
    const int i = g.Int(1, static_cast<int>(s.size()) - 3);
    std::swap(s[i], s[i + 1]);
  }
  std::string out;
  for (const auto& x : s) {
    out += x;
    out += g.Real() < 0.3 ? std::string(g.Pick(kEmoji)) : std::string(g.Real() < 0.7 ? "。" : "！");
    if (g.Real() < 0.2) out += "\n";
  }
  if (g.Real() < 0.3) {
    for (const auto& [simp, trad] : kTraditional) {
      for (size_t p = out.find(simp); p != std::string::npos; p = out.find(simp, p + trad.size())) {
        out.replace(p, simp.size(), trad);
      }
    }
  }
  return out;
}

}  // namespace

PlantedCorpus GeneratePlanted(const PlantedOptions& o) {
  Gen g(o.seed);
  PlantedCorpus c;
  const int64_t span = static_cast<int64_t>(o.days) * 86400;
  // Background: many ordinary accounts, some clinic accounts with their own contact.
  const size_t accounts = std::max<size_t>(1, o.background / 2);
  std::vector<std::string> names(accounts), contacts(accounts);
  for (size_t i = 0; i < accounts; ++i) {
    names[i] = g.Account();
    if (g.Real() < 0.2) contacts[i] = g.Contact();
  }
  for (size_t i = 0; i < o.background; ++i) {
    const size_t a = g.rng()() % accounts;
    c.posts.push_back({"", names[a], FormatRfc3339(o.start + static_cast<int64_t>(g.rng()() % span)),
                       g.Background(contacts[a]), -1});
  }
  // Campaigns: a pool of hired accounts reused across campaigns plus fresh ones.
  std::vector<std::string> hired(40);
  for (auto& h : hired) h = g.Account();
  for (double rate : o.edit_rates) {
    for (size_t k = 0; k < o.campaigns_per_rate; ++k) {
      const int id = static_cast<int>(c.campaign_rate.size());
      c.campaign_rate.push_back(rate);
      const std::string clinic = g.Clinic();
      const std::string doctor = std::string(g.Pick(kSurnames)) + "医生";
      const auto draft = g.Draft(clinic, doctor, g.Pick(kProcedures), g.Contact());
      const int copies = g.Int(o.min_copies, o.max_copies);
      int64_t t = o.start + static_cast<int64_t>(g.rng()() % (span - 5 * 86400));
      std::vector<std::string> used;
      for (int i = 0; i < copies; ++i) {
        std::string author;
        do {
          author = g.Real() < 0.3 ? hired[g.rng()() % hired.size()] : g.Account();
        } while (std::find(used.begin(), used.end(), author) != used.end());
        used.push_back(author);
        t += static_cast<int64_t>(std::exponential_distribution<>(1.0 / 7200)(g.rng()));
        c.posts.push_back({"", author, FormatRfc3339(t), EditCopy(draft, rate, g), id});
      }
    }
  }
  for (int kind = 0; kind < kDecoyKinds; ++kind) {
    for (size_t k = 0; k < o.decoy_groups_per_kind; ++k) {
      const int id = static_cast<int>(c.decoy_kind.size());
      c.decoy_kind.push_back(static_cast<DecoyKind>(kind));
      const std::string source = DecoySource(c.decoy_kind.back(), g.rng());
      for (int i = 0, n = g.Int(o.decoy_min_posts, o.decoy_max_posts); i < n; ++i) {
        c.posts.push_back({"", g.Account(), FormatRfc3339(o.start + static_cast<int64_t>(g.rng()() % span)),
                           DecoyPost(c.decoy_kind.back(), source, g.rng()), -1, id});
      }
    }
  }
  if (o.big_campaign_share > 0 && o.big_campaign_share < 1) {
    const int id = static_cast<int>(c.campaign_rate.size());
    c.big_campaign = id;
    c.campaign_rate.push_back(o.big_campaign_rate);
    const auto copies = static_cast<size_t>(std::ceil(
        o.big_campaign_share * static_cast<double>(c.posts.size()) / (1 - o.big_campaign_share)));
    const auto draft = g.Draft(g.Clinic(), std::string(g.Pick(kSurnames)) + "医生", g.Pick(kProcedures), "");
    const int64_t t0 = o.start + static_cast<int64_t>(g.rng()() % (span - 3 * 86400));
    for (size_t i = 0; i < copies; ++i) {
      const int64_t t = t0 + static_cast<int64_t>(g.rng()() % (3 * 86400));
      c.posts.push_back({"", g.Account() + "_b" + std::to_string(i), FormatRfc3339(t),
                         EditCopy(draft, o.big_campaign_rate, g), id});
    }
  }
  std::shuffle(c.posts.begin(), c.posts.end(), g.rng());
  for (size_t i = 0; i < c.posts.size(); ++i) c.posts[i].id = "p" + std::to_string(i);
  return c;
}

std::vector<Campaign> ClusterPlanted(const PlantedCorpus& corpus, IndexOptions options) {
  auto normalizer = text::Normalizer::Create();
  auto probe = Index::Create({}, CommonShingles(), *normalizer);
  CommonShingles::Counter counter;
  for (const PlantedPost& p : corpus.posts) counter.Add((*probe)->RawShingles(p.text));
  auto index = Index::Create(options, counter.Build({}), *normalizer);
  std::vector<PostInfo> infos;
  std::vector<std::string_view> texts;
  for (const PlantedPost& p : corpus.posts) {
    infos.push_back({p.id, p.author, ParseRfc3339(p.posted_at), p.text, 0});
    texts.push_back(p.text);
  }
  (*index)->AddBatch(texts, 2, nullptr);
  return FindCampaigns(**index, infos, {});
}

}  // namespace jianmei::campaign
