// question: skills-for-role
// summary: Which skills unlock a role? Required before preferred, best supported (heaviest) first.
// aliases: unlock
// param role: Role - the role, by id, name or alias, e.g. ml-engineer
// returns: id, name, required, weight, documents
// python: kg.queries.library.reference:skills_for_role
MATCH (r:Role {id: $role})-[e:REQUIRES_SKILL]->(s:Skill)
RETURN s.id AS id, s.name AS name, e.required AS required, e.weight AS weight, e.doc_count AS documents
ORDER BY required DESC, weight DESC, toLower(name), id
