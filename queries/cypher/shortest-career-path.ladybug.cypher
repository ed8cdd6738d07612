// question: shortest-career-path
// summary: What are the shortest documented career routes from one role to another? One row per route.
// param from (or source): Role - the role you start from, e.g. ml-engineer
// param to (or target): Role - the role you want to reach, e.g. cto
// returns: roles, hops
// python: kg.queries.library.reference:shortest_career_path
// Ladybug variant: `* ALL SHORTEST 1..20` instead of allShortestPaths(), properties(nodes(p), 'id')
// instead of a list comprehension, lists ordered by their text (ids joined by spaces).
MATCH p = (a:Role {id: $from})-[:PROGRESSES_TO* ALL SHORTEST 1..20]->(b:Role {id: $to})
RETURN properties(nodes(p), 'id') AS roles, length(p) AS hops
ORDER BY list_to_string(' ', roles)
