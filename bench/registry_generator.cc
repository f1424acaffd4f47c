#include "bench/registry_generator.h"

#include <array>
#include <cstdio>
#include <random>
#include <string_view>
#include <vector>

namespace jianmei::bench {
namespace {

// Rows per kind, in 万 (10,000). Sources (doc/registry.md, "Benchmark registry"):
//  [NHC] 国家卫生健康委, 全国医疗卫生机构数 at the end of March 2021 (as quoted in a stored
//        page): 102.6万 in all; 医院 3.6万; 基层医疗卫生机构 97.3万, of which 社区卫生服务中心(站)
//        3.5万, 乡镇卫生院 3.6万, 村卫生室 60.9万, 诊所(医务室) 26.3万 (so 门诊部 and the other
//        基层 about 3.0万); 专业公共卫生机构 1.4万 (the remaining 0.3万 其他 counted with them).
//  [MA]  "全国医美机构超过3万家" (a stored 2023 article): the medical-aesthetics institutions, taken
//        out of 诊所, 门诊部 and 医院 above; their split among the four types is this generator's
//        assumption (the pages give only the total).
//  [QCC] 企查查 2023 (stored page): 9.78万 医美相关企业 in all; less the 3万 medical ones, 6.78万
//        non-medical venues that a platform's registry also holds (split between 生活美容院 and
//        工作室 assumed).
// The model knows only the types of doc/registry.md: the register's other kinds are written as
// 综合医院 (hospitals with their level, the rest with none), keeping their own names.
struct Kind {
  const char* kind;
  const char* type;
  double wan;
  const char* source;
};
constexpr Kind kKinds[] = {
    {"村卫生室", "综合医院", 60.9, "NHC"},
    {"诊所", "综合医院", 26.3 - 1.8, "NHC less MA"},
    {"乡镇卫生院", "综合医院", 3.6, "NHC"},
    {"社区卫生服务中心(站)", "综合医院", 3.5, "NHC"},
    {"门诊部", "综合医院", 3.0 - 0.9, "NHC less MA"},
    {"医院", "综合医院", 3.6 - 0.3, "NHC less MA"},
    {"专业公共卫生机构", "综合医院", 1.4 + 0.3, "NHC"},
    {"医疗美容诊所", "医疗美容诊所", 1.8, "MA"},
    {"医疗美容门诊部", "医疗美容门诊部", 0.9, "MA"},
    {"医疗美容医院", "美容医院", 0.25, "MA"},
    {"整形外科医院", "整形外科医院", 0.05, "MA"},
    {"生活美容院", "生活美容院", 5.0, "QCC"},
    {"工作室", "工作室", 1.78, "QCC"},
};
constexpr size_t kKindCount = std::size(kKinds);

// Hospital levels, 2020 统计公报 as recalled (not in a stored page): 三级 2,996, 二级 10,404,
// 一级 12,252 of 35,394 hospitals; the rest 未定级.
constexpr double kLevelShare[] = {0.275, 0.346, 0.294, 0.085};  // none, 一级, 二级, 三级

struct City {
  const char* name;
  const char* code;  // 行政区划代码
};
constexpr City kCities[] = {
    {"北京市", "110000"}, {"上海市", "310000"}, {"天津市", "120000"}, {"重庆市", "500000"},
    {"广州市", "440100"}, {"深圳市", "440300"}, {"佛山市", "440600"}, {"东莞市", "441900"},
    {"杭州市", "330100"}, {"宁波市", "330200"}, {"温州市", "330300"}, {"南京市", "320100"},
    {"苏州市", "320500"}, {"无锡市", "320200"}, {"成都市", "510100"}, {"武汉市", "420100"},
    {"西安市", "610100"}, {"郑州市", "410100"}, {"长沙市", "430100"}, {"济南市", "370100"},
    {"青岛市", "370200"}, {"沈阳市", "210100"}, {"长春市", "220100"}, {"哈尔滨市", "230100"},
    {"福州市", "350100"}, {"厦门市", "350200"}, {"南昌市", "360100"}, {"合肥市", "340100"},
    {"南宁市", "450100"}, {"昆明市", "530100"}, {"贵阳市", "520100"}, {"海口市", "460100"},
    {"石家庄市", "130100"}, {"太原市", "140100"}, {"呼和浩特市", "150100"}, {"兰州市", "620100"},
    {"西宁市", "630100"}, {"银川市", "640100"}, {"乌鲁木齐市", "650100"}, {"拉萨市", "540100"},
};

constexpr std::string_view kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
    "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田",
    "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈"};
constexpr std::string_view kGiven[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "萍", "红", "建", "文", "国", "志", "海", "春", "金",
    "宇", "晨", "欣", "雪", "梅", "兰", "振", "德", "永", "新", "林", "峰", "辉", "鹏", "斌", "琳"};
// Two-character names private institutions take (康华, 仁爱 …), from two lists.
constexpr std::string_view kLuckyFirst[] = {
    "康", "仁", "华", "博", "瑞", "德", "安", "泰", "福", "惠", "和", "嘉", "恒", "信", "佳", "美",
    "丽", "雅", "颜", "悦", "慈", "济", "民", "益", "同", "协", "长", "盛", "宏", "鑫", "春", "元",
    "东", "新", "正", "怡", "馨", "臻", "君", "荣"};
constexpr std::string_view kLuckySecond[] = {
    "康", "爱", "美", "仁", "和", "泰", "华", "安", "心", "德", "济", "生", "民", "顺", "源", "宁",
    "颜", "妍", "丽", "雅", "悦", "尚", "艺", "秀", "姿", "容", "韵", "怡", "欣", "禾", "林", "峰",
    "贝", "芙", "莱", "诗", "曼", "然", "茜", "媛"};
// Place names: counties, towns, streets and villages from two lists (石桥, 杨柳 …).
constexpr std::string_view kPlaceFirst[] = {
    "东", "西", "南", "北", "上", "下", "大", "小", "新", "老", "石", "山", "河", "桥", "李", "王", "张",
    "马", "杨", "柳", "桃", "青", "白", "黄", "红", "高", "长", "平", "安", "龙", "凤", "金", "银", "水",
    "清", "双", "三", "五", "八", "宝"};
constexpr std::string_view kPlaceSecond[] = {
    "庄", "湾", "坪", "坝", "沟", "岭", "塘", "桥", "营", "店", "集", "寨", "坡", "林", "园", "峰", "溪",
    "泉", "口", "屯", "堡", "港", "台", "阳", "城", "川", "田", "丰", "兴", "和", "平", "安", "山", "河",
    "湖", "家", "冲", "头", "门", "关"};
constexpr std::string_view kNumbers[] = {"第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九"};

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  template <typename T, size_t N>
  const T& Pick(const T (&list)[N]) { return list[rng_() % N]; }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  size_t Below(size_t n) { return rng_() % n; }
  std::string Person() {
    std::string s(Pick(kSurnames));
    s += Pick(kGiven);
    if (Chance(0.7)) s += Pick(kGiven);  // three characters more often than two
    return s;
  }
  std::string Lucky() { return std::string(Pick(kLuckyFirst)) + std::string(Pick(kLuckySecond)); }
  std::string Place() { return std::string(Pick(kPlaceFirst)) + std::string(Pick(kPlaceSecond)); }
  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

struct Row {
  std::string name, level, departments, aliases;
};

// The name and facts of one row of `kind` in `city`.
Row MakeRow(Gen& g, size_t kind, const City& city) {
  const std::string c = city.name;
  Row r;
  switch (kind) {
    case 0:  // 村卫生室
      r.name = g.Place() + "县" + g.Place() + "镇" + g.Place() + "村卫生室";
      break;
    case 1:  // 诊所, most named after the doctor who runs it
      if (g.Chance(0.5)) r.name = g.Person() + "诊所";
      else if (g.Chance(0.6)) r.name = g.Place() + "镇" + g.Person() + (g.Chance(0.3) ? "中医诊所" : "诊所");
      else r.name = c + g.Lucky() + "诊所";
      break;
    case 2:  // 乡镇卫生院
      r.name = g.Place() + "县" + g.Place() + "镇卫生院";
      break;
    case 3:  // 社区卫生服务中心(站)
      r.name = c + g.Place() + "区" + g.Place() + "街道社区卫生服务" + (g.Chance(0.3) ? "中心" : "站");
      break;
    case 4:  // 门诊部
      r.name = g.Chance(0.5) ? c + g.Lucky() + "门诊部" : c + g.Lucky() + "综合门诊部有限公司";
      break;
    case 5: {  // 医院, by level
      double x = std::uniform_real_distribution<double>(0, 1)(g.rng());
      int level = 0;
      for (double acc = kLevelShare[0]; level < 3 && x >= acc; acc += kLevelShare[++level]) {}
      static constexpr const char* kLevels[] = {"", "一级", "二级", "三级"};
      r.level = kLevels[level];
      switch (g.Below(5)) {
        case 0: r.name = c + g.Place() + "区人民医院"; break;
        case 1: r.name = c + std::string(g.Pick(kNumbers)) + "人民医院"; break;
        case 2: r.name = g.Place() + "县中医医院"; break;
        case 3: r.name = c + g.Lucky() + "医院"; break;
        default: r.name = g.Place() + "县人民医院"; break;
      }
      if (g.Chance(0.3)) r.departments = level >= 2 ? "医疗美容科;麻醉科" : "医疗美容科";
      break;
    }
    case 6:  // 专业公共卫生机构
      switch (g.Below(3)) {
        case 0: r.name = g.Place() + "县疾病预防控制中心"; break;
        case 1: r.name = g.Place() + "县妇幼保健院"; break;
        default: r.name = c + g.Place() + "区卫生监督所"; break;
      }
      break;
    case 7: {  // 医疗美容诊所
      const std::string lucky = g.Lucky();
      r.name = c + lucky + "医疗美容诊所";
      r.departments = g.Chance(0.5) ? "医疗美容科;美容皮肤科" : "美容皮肤科";
      if (g.Chance(0.4)) r.aliases = lucky + "医美";
      break;
    }
    case 8: {  // 医疗美容门诊部
      const std::string lucky = g.Lucky();
      r.name = c + lucky + "医疗美容门诊部有限公司";
      r.departments = "医疗美容科;美容外科;美容皮肤科;麻醉科";
      if (g.Chance(0.4)) r.aliases = lucky + "医美";
      break;
    }
    case 9: {  // 美容医院
      const std::string lucky = g.Lucky();
      r.name = c + lucky + "医疗美容医院";
      r.departments = "医疗美容科;美容外科;美容皮肤科;美容牙科;麻醉科";
      if (g.Chance(0.4)) r.aliases = lucky + "整形";
      break;
    }
    case 10:  // 整形外科医院
      r.name = c + g.Lucky() + "整形外科医院";
      r.departments = "整形外科;美容外科;麻醉科";
      break;
    case 11:  // 生活美容院
      r.name = g.Chance(0.5) ? c + g.Lucky() + "美容院" : c + g.Lucky() + "美容养生馆";
      break;
    default:  // 工作室
      r.name = g.Chance(0.5) ? g.Person() + "美容工作室" : g.Lucky() + "美学工作室";
      break;
  }
  return r;
}

std::string Licence(size_t i, const Kind& k, const City& city) {
  char buf[48];
  const std::string_view type = k.type;
  if (type == "生活美容院" || type == "工作室") {
    std::snprintf(buf, sizeof buf, "92%s%010zu", city.code, i);  // 18: 统一社会信用代码
  } else if (type == "医疗美容诊所") {
    std::snprintf(buf, sizeof buf, "备%s2021%07zu", city.code, i);
  } else {
    std::snprintf(buf, sizeof buf, "P%07zuX%s170P122", i, city.code);  // 22, code at 10–15
  }
  return buf;
}

}  // namespace

const RegistryMixLine* RegistryMix(size_t* count) {
  static const auto lines = [] {
    double total = 0;
    for (const Kind& k : kKinds) total += k.wan;
    std::array<RegistryMixLine, kKindCount> out{};
    for (size_t i = 0; i < kKindCount; ++i) {
      out[i] = {kKinds[i].kind, kKinds[i].type, kKinds[i].wan / total, kKinds[i].source};
    }
    return out;
  }();
  *count = lines.size();
  return lines.data();
}

void WriteRegistryCsv(std::ostream& out, size_t count, uint64_t seed) {
  Gen g(seed);
  std::vector<double> weights;
  for (const Kind& k : kKinds) weights.push_back(k.wan);
  std::discrete_distribution<size_t> kind_of(weights.begin(), weights.end());
  static constexpr const char* kStatuses[] = {"valid", "suspended", "revoked"};
  std::discrete_distribution<int> status_of({97, 2, 1});  // assumed
  out << "licence,name,type,level,city,status,valid_from,valid_until,departments,projects,aliases\n";
  char dates[32];
  for (size_t i = 0; i < count; ++i) {
    const size_t kind = kind_of(g.rng());
    const City& city = g.Pick(kCities);
    Row r = MakeRow(g, kind, city);
    const int from_year = 2015 + static_cast<int>(g.Below(10));
    std::snprintf(dates, sizeof dates, "%d-%02d-%02d,%d-%02d-%02d", from_year, 1 + static_cast<int>(g.Below(12)),
                  1 + static_cast<int>(g.Below(28)), from_year + 5 + static_cast<int>(g.Below(5)),
                  1 + static_cast<int>(g.Below(12)), 1 + static_cast<int>(g.Below(28)));
    out << Licence(i, kKinds[kind], city) << ',' << r.name << ',' << kKinds[kind].type << ',' << r.level << ','
        << city.name << ',' << kStatuses[status_of(g.rng())] << ',' << dates << ',' << r.departments << ",,"
        << r.aliases << '\n';
  }
}

}  // namespace jianmei::bench
