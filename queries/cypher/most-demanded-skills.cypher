// Answers: Which skills do the most roles ask for? By number of roles, then total support.
// Param limit (int, default 20): how many skills to return
// Python: the store's REQUIRES_SKILL edges counted per skill (kg.graph.store.SQLiteStore.edges)
MATCH (r:Role)-[e:REQUIRES_SKILL]->(s:Skill)
WITH s, count(r) AS roles, count(CASE WHEN e.required THEN 1 END) AS required_by, sum(e.weight) AS total
RETURN s.id AS id, s.name AS name, roles, required_by, round(total, 4) AS weight
ORDER BY roles DESC, weight DESC, id
LIMIT $limit
