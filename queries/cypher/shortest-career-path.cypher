// question: shortest-career-path
// summary: What are the shortest documented career routes from one role to another? One row per route.
// param from (or source): Role - the role you start from, e.g. ml-engineer
// param to (or target): Role - the role you want to reach, e.g. cto
// returns: roles, hops
// python: kg.queries.library.reference:shortest_career_path
MATCH p = allShortestPaths((a:Role {id: $from})-[:PROGRESSES_TO*1..20]->(b:Role {id: $to}))
RETURN [n IN nodes(p) | n.id] AS roles, length(p) AS hops
ORDER BY roles
