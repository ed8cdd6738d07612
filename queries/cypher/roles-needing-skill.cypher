// Answers: Which roles ask for a skill? Best supported first, with whether the skill is required.
// Param skill (string): the skill (id or exact name), e.g. 'python'
// Python: kg.queries.explore.show(...).links (REQUIRES_SKILL, in)
MATCH (r:Role)-[e:REQUIRES_SKILL]->(s:Skill)
WHERE s.id = $skill OR s.name = $skill
RETURN r.id AS id, r.name AS name, e.required AS required, e.weight AS weight
ORDER BY weight DESC, id
