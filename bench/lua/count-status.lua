-- wrk script: counts response statuses (used with -t1, but works with more
-- threads: done() sums every thread's counters).
-- Prints one line:  STATUS s302=N s2xx=N s4xx=N s5xx=N other=N
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   s302, s2xx, s4xx, s5xx, other = 0, 0, 0, 0, 0
end

function response(status, headers, body)
   if status == 302 then
      s302 = s302 + 1
   elseif status >= 200 and status < 300 then
      s2xx = s2xx + 1
   elseif status >= 400 and status < 500 then
      s4xx = s4xx + 1
   elseif status >= 500 then
      s5xx = s5xx + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local t = { s302 = 0, s2xx = 0, s4xx = 0, s5xx = 0, other = 0 }
   for _, thread in ipairs(threads) do
      for k, _ in pairs(t) do
         t[k] = t[k] + (thread:get(k) or 0)
      end
   end
   io.write(string.format("STATUS s302=%d s2xx=%d s4xx=%d s5xx=%d other=%d\n",
                          t.s302, t.s2xx, t.s4xx, t.s5xx, t.other))
end
