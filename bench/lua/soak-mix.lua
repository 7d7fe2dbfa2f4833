-- wrk script for bench/soak: the well-behaved part of the traffic, over a
-- fixed set of unlimited links (their slugs one per line in SOAK_SLUGS):
-- mostly redirects, one request in 20 a stats look-up, one in 50 an unknown
-- slug. Prints one line:
--   MIX s302=N s200=N s404=N s4xx=N s5xx=N other=N
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   slugs = {}
   for line in io.lines(os.getenv("SOAK_SLUGS")) do
      if #line > 0 then table.insert(slugs, line) end
   end
   n = 0
   s302, s200, s404, s4xx, s5xx, other = 0, 0, 0, 0, 0, 0
end

function request()
   n = n + 1
   local slug = slugs[(n % #slugs) + 1]
   if n % 50 == 0 then
      return wrk.format("GET", "/no-such-link-" .. n)
   elseif n % 20 == 0 then
      return wrk.format("GET", "/api/stats/" .. slug)
   end
   return wrk.format("GET", "/" .. slug)
end

function response(status, headers, body)
   if status == 302 then
      s302 = s302 + 1
   elseif status == 200 then
      s200 = s200 + 1
   elseif status == 404 then
      s404 = s404 + 1
   elseif status >= 400 and status < 500 then
      s4xx = s4xx + 1
   elseif status >= 500 then
      s5xx = s5xx + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local t = { s302 = 0, s200 = 0, s404 = 0, s4xx = 0, s5xx = 0, other = 0 }
   for _, thread in ipairs(threads) do
      for k, _ in pairs(t) do
         t[k] = t[k] + (thread:get(k) or 0)
      end
   end
   io.write(string.format("MIX s302=%d s200=%d s404=%d s4xx=%d s5xx=%d other=%d p99_ms=%.1f max_ms=%.1f\n",
                          t.s302, t.s200, t.s404, t.s4xx, t.s5xx, t.other,
                          latency:percentile(99) / 1000, latency.max / 1000))
end
