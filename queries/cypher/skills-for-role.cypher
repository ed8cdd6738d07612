// Answers: Which skills unlock a role? Required before preferred, best supported (heaviest) first.
// Param role (string): the role (id or exact name), e.g. 'ml-engineer'
// Python: kg.queries.unlock.unlock(...).skills
MATCH (r:Role)-[e:REQUIRES_SKILL]->(s:Skill)
WHERE r.id = $role OR r.name = $role
RETURN s.id AS id, s.name AS name, e.required AS required, e.weight AS weight, e.doc_count AS documents
ORDER BY required DESC, weight DESC, toLower(name)
