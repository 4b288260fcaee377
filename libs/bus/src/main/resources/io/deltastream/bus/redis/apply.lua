-- Cache.apply: the effects alone, atomically. ARGV: effects from 1.
return apply_effects(1) or 1
