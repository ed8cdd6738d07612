// Answers: What are the shortest documented career routes from one role to another?
//   Every shortest chain of PROGRESSES_TO moves (moves documents state), one row per route.
// Param source (string): the role you start from (id or exact name), e.g. 'ml-engineer'
// Param target (string): the role you want to reach (id or exact name), e.g. 'cto'
// Python: kg.queries.path.shortest_role_path
MATCH p = allShortestPaths((a:Role)-[:PROGRESSES_TO*1..20]->(b:Role))
WHERE (a.id = $source OR a.name = $source) AND (b.id = $target OR b.name = $target)
RETURN [n IN nodes(p) | n.id] AS roles, length(p) AS hops
ORDER BY roles
