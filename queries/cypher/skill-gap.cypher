// Answers: Which skills does the target role require that the source role does not list? Heaviest first.
// Param source (string): the role you have (id or exact name), e.g. 'ml-engineer'
// Param target (string): the role you want (id or exact name), e.g. 'ml-architect'
// Python: kg.queries.unlock.skill_gap
MATCH (b:Role)-[e:REQUIRES_SKILL]->(s:Skill)
WHERE (b.id = $target OR b.name = $target)
  AND NOT EXISTS { MATCH (a:Role)-[:REQUIRES_SKILL]->(s) WHERE a.id = $source OR a.name = $source }
RETURN s.id AS id, s.name AS name, e.required AS required, e.weight AS weight
ORDER BY weight DESC, id
