-- wrk script: fills a pool of one-time links (max-clicks 1) with the
-- deterministic aliases PREFIX0000001 .. PREFIX<POOL_SIZE> through
-- POST /api/create. Run it with -t1: the alias counter is per thread.
--
-- Environment: POOL_SIZE, POOL_PREFIX, POOL_URL, POOL_DONE_FILE.
-- Once POOL_SIZE creations have been answered the thread stops itself and
-- writes POOL_DONE_FILE, so the caller can end wrk early with SIGINT
-- (wrk's own -d is only an upper bound). Requests issued after the last
-- alias reuse alias 1 and are answered 409; they are counted, not stored.
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

local pool   = tonumber(os.getenv("POOL_SIZE") or "600000")
local prefix = os.getenv("POOL_PREFIX") or "b"
local url    = os.getenv("POOL_URL") or "https://example.com/landing?utm=bench"
local marker = os.getenv("POOL_DONE_FILE")
local hdrs   = { ["Content-Type"] = "application/json" }

function init(args)
   issued, created, duplicate, failed = 0, 0, 0, 0
   finished = false
end

function request()
   issued = issued + 1
   local n = issued
   if n > pool then n = 1 end
   local body = string.format('{"url":"%s","alias":"%s%07d","max-clicks":1}', url, prefix, n)
   return wrk.format("POST", "/api/create", hdrs, body)
end

function response(status, headers, body)
   if status == 201 then
      created = created + 1
   elseif status == 409 then
      duplicate = duplicate + 1
   else
      failed = failed + 1
   end
   if not finished and created + failed >= pool then
      finished = true
      if marker then
         local f = io.open(marker, "w")
         if f then f:write("done\n"); f:close() end
      end
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local c, d, f = 0, 0, 0
   for _, thread in ipairs(threads) do
      c = c + (thread:get("created") or 0)
      d = d + (thread:get("duplicate") or 0)
      f = f + (thread:get("failed") or 0)
   end
   io.write(string.format("POOL created=%d duplicate=%d failed=%d\n", c, d, f))
end
