// Contact handles (WeChat ids, QQ numbers, mobile numbers) as sellers write them, found in a
// post's original text by the grammar of doc/campaigns.md §Contact handles with the prefix
// forms of kb/contact_handles.toml (compiled in as contact_handle_forms.inc). Each handle is
// reported as written (the original bytes from its prefix to the end of the id) and normalised
// (lower case; a WeChat id keeps its '_' and '-'; numbers are digits only). Pure; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "campaign/handles.h"

namespace jianmei::campaign {

// Appends the contact handles of `original` (UTF-8; invalid bytes are skipped) to `out`.
void FindContacts(std::string_view original, std::vector<Handle>* out);

}  // namespace jianmei::campaign
