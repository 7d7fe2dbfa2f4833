-- wrk script for case (c): one pass of WALK_COUNT redirects, either over
-- the unlimited links PREFIX0000001 .. PREFIX<WALK_COUNT> in a scrambled
-- order (visit i goes to link (i * 7919) mod N + 1, a permutation of the
-- pool since 7919 is a prime that does not divide N), or, with WALK_HOT
-- set to a slug, WALK_COUNT redirects of that one link. Both modes run
-- this same script, so the Lua cost is the same on both sides of the ratio.
-- Run it with -t1: the position is per thread.
--
-- Environment: WALK_COUNT, WALK_PREFIX, WALK_HOT, WALK_DONE_FILE.
-- Once WALK_COUNT answers have arrived the thread stops and writes
-- WALK_DONE_FILE, so the caller can time the pass and end wrk with SIGINT.
-- Prints:  WALK s302=N other=N issued=N
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

local count  = tonumber(os.getenv("WALK_COUNT") or "200000")
local prefix = os.getenv("WALK_PREFIX") or "c"
local hot    = os.getenv("WALK_HOT") or ""
local marker = os.getenv("WALK_DONE_FILE")

function init(args)
   issued, s302, other = 0, 0, 0
   finished = false
end

function request()
   local i = issued
   issued = issued + 1
   if hot ~= "" then
      return wrk.format("GET", "/" .. hot)
   end
   return wrk.format("GET", string.format("/%s%07d", prefix, (i * 7919) % count + 1))
end

function response(status, headers, body)
   if status == 302 then s302 = s302 + 1 else other = other + 1 end
   if not finished and s302 + other >= count then
      finished = true
      if marker then
         local f = io.open(marker, "w")
         if f then f:write("done\n"); f:close() end
      end
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local t = { s302 = 0, other = 0, issued = 0 }
   for _, thread in ipairs(threads) do
      for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
   end
   io.write(string.format("WALK s302=%d other=%d issued=%d\n", t.s302, t.other, t.issued))
end
