// question: most-demanded-skills
// summary: Which skills do the most roles ask for? By number of roles, then total support.
// param limit: int = 20 - how many skills to return, e.g. 10
// returns: id, name, roles, required_by, weight
// python: kg.queries.library.reference:most_demanded_skills
MATCH (r:Role)-[e:REQUIRES_SKILL]->(s:Skill)
WITH s, count(r) AS roles, count(CASE WHEN e.required THEN 1 END) AS required_by, sum(e.weight) AS total
RETURN s.id AS id, s.name AS name, roles, required_by, round(total, 4) AS weight
ORDER BY roles DESC, weight DESC, id
LIMIT $limit
