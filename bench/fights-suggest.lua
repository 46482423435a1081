-- wrk script for bench/fights.sh: each request asks /api/v1/fights/suggest for another prefix of the names
-- `podium fights seed-bench` builds (so some prefixes match thousands of fighters, some a handful).
--   wrk ... -s bench/fights-suggest.lua URL            one to three syllables, a quarter of them cut to a first keystroke
--   wrk ... -s bench/fights-suggest.lua URL -- 1       first keystrokes only: one letter, varied
--   wrk ... -s bench/fights-suggest.lua URL -- 2       two letters only, varied
local syllables = { "al", "an", "ar", "ba", "bo", "ca", "da", "de", "el", "fa", "ga", "go", "ha", "ia", "il", "jo",
  "ka", "ki", "la", "lu", "ma", "mi", "na", "no", "or", "pa", "ra", "ro", "sa", "so", "ta", "to", "ul", "va", "vi", "za" }
local letters = "abcdefghijklmnopqrstuvwxyz"
local length = nil
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
wrk.headers["X-Forwarded-Proto"] = "https"

function init(args)
  if args[1] then length = tonumber(args[1]) end
end

request = function()
  local q
  if length == 1 then
    local i = math.random(#letters)
    q = letters:sub(i, i)
  elseif length == 2 then
    q = syllables[math.random(#syllables)]
  else
    q = syllables[math.random(#syllables)]
    local extra = math.random(3) - 1
    for _ = 1, extra do q = q .. syllables[math.random(#syllables)] end
    if math.random(4) == 1 then q = q:sub(1, 1) end -- a first keystroke
  end
  return wrk.format("GET", "/api/v1/fights/suggest?q=" .. q)
end
