// Ladybug variant: `* ALL SHORTEST 1..20` instead of allShortestPaths(), properties(nodes(p), 'id')
// instead of a list comprehension, lists ordered by their text (ids joined by spaces).
MATCH p = (a:Role)-[:PROGRESSES_TO* ALL SHORTEST 1..20]->(b:Role)
WHERE (a.id = $source OR a.name = $source) AND (b.id = $target OR b.name = $target)
RETURN properties(nodes(p), 'id') AS roles, length(p) AS hops
ORDER BY list_to_string(' ', roles)
