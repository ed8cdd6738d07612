// question: skill-gap
// summary: Which skills does the role you want require that the role you have does not list? Heaviest first.
// aliases: gap
// param from (or source): Role - the role you have, e.g. ml-engineer
// param to (or target): Role - the role you want, e.g. ml-architect
// returns: id, name, required, weight
// python: kg.queries.library.reference:skill_gap
MATCH (b:Role {id: $to})-[e:REQUIRES_SKILL]->(s:Skill)
WHERE NOT EXISTS { MATCH (a:Role {id: $from})-[:REQUIRES_SKILL]->(s) }
RETURN s.id AS id, s.name AS name, e.required AS required, e.weight AS weight
ORDER BY weight DESC, id
