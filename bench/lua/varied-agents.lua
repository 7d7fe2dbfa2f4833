-- Redirects of one link, each request with the next of a pool of distinct
-- real user agents (uap-core's test list, ~12,000 agents), so the server's
-- analytics see cache misses rather than one agent over and over.
-- Usage: AGENTS=<file, one agent per line> AGENT_LIMIT=<n> wrk -s varied-agents.lua http://host:port/<slug>
local agents = {}
local limit = tonumber(os.getenv("AGENT_LIMIT") or "5000")
for line in io.lines(os.getenv("AGENTS")) do
  if #agents >= limit then break end
  -- pgts_browser_list.txt: name <TAB> version <TAB> agent
  local agent = line:match("^[^\t]*\t[^\t]*\t(.+)$") or line
  if not line:match("^#") and #agent > 0 then
    agents[#agents + 1] = agent
  end
end
local next = 0

request = function()
  next = next % #agents + 1
  return wrk.format("GET", nil, { ["User-Agent"] = agents[next] })
end
