-- wrk script for POST /api/v1/screen with ~1 KB posts (bench/http_bench.sh).
--   wrk -s bench/http_screen.lua URL                 saturation: as fast as the connections go
--   wrk -t T -s bench/http_screen.lua URL -- RATE T  fixed rate: RATE requests/s over the T threads
-- wrk itself has no fixed-rate mode (wrk2 is not in Debian 12): for a fixed rate each wrk thread
-- hands out send slots RATE/threads per second apart through delay(), timed with the monotonic
-- clock via LuaJIT's FFI. Latency is measured from each request's send, so the figures hold
-- as long as the server keeps up (the script reports the achieved rate to show that it did).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } jm_timespec;
  int clock_gettime(int clock, jm_timespec* ts);
]]
local ts = ffi.new("jm_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

-- Fictional posts: ad phrases, neutral sentences and complaints, mixed into ~1 KB texts.
local fragments = {
  "小腿肌肉阻断术，没有副作用，不反弹，仅需39800。", "今天和朋友去公园散步，天气很好。",
  "打瘦腿针就找我们，韩国进口肉毒，一次见效。", "全网最好的医美医院，院长亲自操刀。",
  "原价9800，现价0元体验，限时秒杀名额有限。", "我做完之后整个人都自信了，姐妹们冲！",
  "加微信咨询，私信发价格表。", "医生说术后要注意休息，按时复查。",
  "水光针补水，美白针一针白三度，效果永久。", "腿粗毁所有，瘦腿才是硬道理。",
  "有没有人知道这个项目安全吗？我有点担心。", "记者调查发现，部分机构无证开展医美项目。",
  "溶脂针打完立刻瘦，零风险无恢复期。", "专家团队，国家级医师坐诊，成功率百分之百。",
  "周末在家看书，写了一篇读书笔记。", "小 腿 阻 斷 手 術，保證效果。",
}

local bodies = {}
local function build_bodies()
  local seed = 12345
  local function rand(n)
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n + 1
  end
  for i = 1, 64 do
    local parts, size = {}, 0
    while size < 1000 do
      local f = fragments[rand(#fragments)]
      parts[#parts + 1] = f
      size = size + #f
    end
    bodies[i] = '{"id":"bench-' .. i .. '","text":"' .. table.concat(parts) .. '"}'
  end
end
build_bodies()

local setups = 0
function setup(thread)
  setups = setups + 1
  thread:set("first_body", setups * 16)
end

local interval, next_slot, counter
function init(args)
  local rate, nthreads = tonumber(args[1] or "0"), tonumber(args[2] or "1")
  counter = first_body or 0
  -- Each thread's Lua state is its own: a thread sends one request per interval.
  if rate > 0 then interval = 1000 * nthreads / rate end
end

function delay()
  if not interval then return 0 end
  local now = now_ms()
  if not next_slot or next_slot < now - 1000 then next_slot = now end
  next_slot = next_slot + interval
  return math.max(0, next_slot - now)
end

local headers = { ["Content-Type"] = "application/json" }
function request()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/screen", headers, bodies[counter % #bodies + 1])
end

function done(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "requests %d in %.1f s: %.0f req/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; " ..
    "errors connect %d read %d write %d timeout %d non-2xx %d; body %d-%d bytes\n",
    summary.requests, s, summary.requests / s, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status, min_body(), max_body()))
end

function min_body()
  local m = math.huge
  for _, b in ipairs(bodies) do m = math.min(m, #b) end
  return m
end

function max_body()
  local m = 0
  for _, b in ipairs(bodies) do m = math.max(m, #b) end
  return m
end
