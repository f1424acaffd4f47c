#include "campaign/planted_decoys.h"

#include <string_view>
#include <vector>

namespace jianmei::campaign {
namespace {

using Pool = std::vector<std::string_view>;

std::string_view Pick(const Pool& p, std::mt19937_64& rng) { return p[rng() % p.size()]; }

// News: fictional regulators' actions; a headline is built from parts so that groups differ.
const Pool kPlaces = {"江州市", "临川区", "东湖县", "云海市", "南屏区", "青石镇", "北岭市", "白沙区"};
const Pool kAgencies = {"市场监管局", "卫健委", "消费者协会", "公安分局", "卫生监督所"};
const Pool kActions = {"通报十起医疗美容违法广告典型案例", "查处一家无证医美工作室",
                       "开展医美行业专项整治行动", "发布医美消费风险提示",
                       "曝光一批虚假宣传的美容机构", "约谈多家医美平台负责人",
                       "对非法注射玻尿酸的美容店立案调查", "提醒消费者警惕低价医美陷阱"};
const Pool kLeads = {"记者从相关部门获悉，此次行动共检查机构一百余家，责令整改二十余家",
                     "据通报，涉事机构在未取得医疗机构执业许可证的情况下开展注射项目",
                     "相关负责人表示，将持续加大对违法医疗广告的查处力度",
                     "专家提醒，求美者应选择有资质的正规医疗机构，并核实医生执业信息",
                     "案件已移交有关部门进一步处理，后续进展将及时向社会公布"};
const Pool kNewsComments = {"转发", "大家擦亮眼睛", "太吓人了", "还好我没去", "终于有人管了",
                            "转给身边的姐妹看看", "这种事情早该查了", "看完后背发凉", "", ""};

// Memes: fictional copypasta of the niche, long enough to be recognised.
const Pool kMemes = {
    "做完双眼皮回家我妈以为我哭了一整晚，我说这是花了大价钱买来的肿，她沉默了，我也沉默了",
    "医美三大错觉：这次肯定不肿，朋友肯定看不出来，做完这一次就再也不做了",
    "以前觉得丑是命，后来发现丑是穷，现在发现丑是懒，明天开始先从不熬夜做起吧",
    "我的钱包：求求你别再去医院了；我的脸：求求你再去一次吧；我：那就听脸的",
    "姐妹问我鼻子做得怎么样，我说挺好的，就是打喷嚏的时候会想起刷卡的声音",
    "减肥二十年，瘦了又胖胖了又瘦，唯一瘦下来的只有我的银行卡余额",
    "每次照镜子都想整容，每次看余额都想整顿，最后只整了整头发",
    "男朋友说我素颜也好看，我问他那你为什么不敢直视我，他说因为太好看了"};
const Pool kMemeComments = {"哈哈哈哈", "笑死", "太真实了", "说的就是我", "本人了", "救命",
                            "[笑哭]", "谁懂", "", ""};

// Share templates: the fixed part every shared note carries; {t} is the note's title.
const Pool kTemplates = {
    "{t} 复制本条信息，打开【小红书】App查看精彩内容！",
    "{t} 复制此链接，打开抖音搜索，直接观看视频！",
    "分享一篇笔记：{t}，点击链接查看全文，更多精彩内容尽在微博"};
const Pool kTitleA = {"我的", "记录", "分享", "关于", "聊聊", "真实", "一个月", "普通女孩的"};
const Pool kTitleB = {"变美日记", "护肤心得", "减脂餐", "通勤穿搭", "周末探店", "读书笔记",
                      "健身打卡", "旅行攻略", "发型改造", "租房改造", "手账分享", "咖啡地图"};

std::string Code(std::mt19937_64& rng) {
  static constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  std::string s;
  for (int i = 0; i < 7; ++i) s += kAlphabet[rng() % kAlphabet.size()];
  return s;
}

}  // namespace

const char* DecoyKindName(DecoyKind kind) {
  switch (kind) {
    case DecoyKind::kNews: return "news";
    case DecoyKind::kMeme: return "meme";
    case DecoyKind::kShareTemplate: return "share_template";
  }
  return "unknown";
}

std::string DecoySource(DecoyKind kind, std::mt19937_64& rng) {
  switch (kind) {
    case DecoyKind::kNews:
      return std::string(Pick(kPlaces, rng)) + std::string(Pick(kAgencies, rng)) +
             std::string(Pick(kActions, rng)) + "。" + std::string(Pick(kLeads, rng)) + "。";
    case DecoyKind::kMeme:
      return std::string(Pick(kMemes, rng));
    case DecoyKind::kShareTemplate:
      return std::string(Pick(kTemplates, rng));
  }
  return {};
}

std::string DecoyPost(DecoyKind kind, const std::string& source, std::mt19937_64& rng) {
  switch (kind) {
    case DecoyKind::kNews: {
      const std::string comment(Pick(kNewsComments, rng));
      if (rng() % 2) return "【转】" + source + (comment.empty() ? "" : " " + comment);
      return comment + (comment.empty() ? "" : "：") + source;
    }
    case DecoyKind::kMeme: {
      const std::string comment(Pick(kMemeComments, rng));
      return rng() % 2 ? source + comment : comment + " " + source;
    }
    case DecoyKind::kShareTemplate: {
      std::string post = source;
      const std::string title = std::string(Pick(kTitleA, rng)) + std::string(Pick(kTitleB, rng)) +
                                std::string(Pick(kTitleB, rng));
      post.replace(post.find("{t}"), 3, title);
      return post + " http://s.example.com/" + Code(rng);
    }
  }
  return {};
}

}  // namespace jianmei::campaign
