// Decoys for the planted-campaign corpus: texts that many unrelated accounts repeat without
// any coordination or promotion, which a campaign finder must report as shared text, not as
// campaigns. Three kinds, as seen on the platforms: a quoted news headline with its lead, a
// viral meme (copypasta), and a platform share template ("复制本条信息，打开…查看") around a
// shared note's own title. All names and events are fictional. Pure functions of the rng.
#pragma once

#include <random>
#include <string>

namespace jianmei::campaign {

enum class DecoyKind { kNews = 0, kMeme = 1, kShareTemplate = 2 };
inline constexpr int kDecoyKinds = 3;

// "news", "meme", "share_template".
const char* DecoyKindName(DecoyKind kind);

// The text every post of one decoy group shares (a headline and lead, a meme, or the fixed
// part of a share template), drawn for group `group` of `kind`.
std::string DecoySource(DecoyKind kind, std::mt19937_64& rng);

// One post quoting `source`: a personal comment around it (news, memes), or the template
// wrapped around a note title of the poster's own (share templates). No contact, no price offer.
std::string DecoyPost(DecoyKind kind, const std::string& source, std::mt19937_64& rng);

}  // namespace jianmei::campaign
