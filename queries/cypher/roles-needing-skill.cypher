// question: roles-needing-skill
// summary: Which roles ask for a skill? Best supported first, with whether the skill is required.
// param skill: Skill - the skill, by id, name or alias, e.g. python
// returns: id, name, required, weight
// python: kg.queries.library.reference:roles_needing_skill
MATCH (r:Role)-[e:REQUIRES_SKILL]->(s:Skill {id: $skill})
RETURN r.id AS id, r.name AS name, e.required AS required, e.weight AS weight
ORDER BY weight DESC, id
