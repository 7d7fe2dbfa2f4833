-- wrk script: first clicks on distinct one-time links. request() walks the
-- pool made by create-pool.lua (PREFIX0000001, PREFIX0000002, ...), so every
-- request is the first and only click its link will ever get. Run it with
-- -t1: the position in the pool is per thread.
--
-- Environment: POOL_SIZE, POOL_PREFIX, POOL_START (first alias number to
-- click, default 1; for rerunning against a partly used pool), POOL_END
-- (last alias number this wrk may click, default POOL_SIZE; two wrk
-- processes on two servers take disjoint ranges). Past POOL_END the
-- requests are counted as "beyond" (past the pool they are 404s, inside it
-- they would take another range's links).
-- Prints:  CLAIMS s302=N s400=N s404=N s5xx=N other=N issued=N beyond=N
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

local pool   = tonumber(os.getenv("POOL_SIZE") or "600000")
local prefix = os.getenv("POOL_PREFIX") or "b"
local start  = tonumber(os.getenv("POOL_START") or "1")
local last   = tonumber(os.getenv("POOL_END") or tostring(pool))

function init(args)
   issued, beyond = 0, 0
   s302, s400, s404, s5xx, other = 0, 0, 0, 0, 0
end

function request()
   local n = start + issued
   issued = issued + 1
   if n > last then beyond = beyond + 1 end
   return wrk.format("GET", string.format("/%s%07d", prefix, n))
end

function response(status, headers, body)
   if status == 302 then
      s302 = s302 + 1
   elseif status == 400 then
      s400 = s400 + 1
   elseif status == 404 then
      s404 = s404 + 1
   elseif status >= 500 then
      s5xx = s5xx + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local keys = { "s302", "s400", "s404", "s5xx", "other", "issued", "beyond" }
   local t = {}
   for _, k in ipairs(keys) do t[k] = 0 end
   for _, thread in ipairs(threads) do
      for _, k in ipairs(keys) do t[k] = t[k] + (thread:get(k) or 0) end
   end
   io.write(string.format("CLAIMS s302=%d s400=%d s404=%d s5xx=%d other=%d issued=%d beyond=%d\n",
                          t.s302, t.s400, t.s404, t.s5xx, t.other, t.issued, t.beyond))
end
