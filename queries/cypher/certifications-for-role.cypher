// Answers: Which certifications do documents recommend for a role? Required first, best supported first.
// Param role (string): the role (id or exact name), e.g. 'ml-engineer'
// Python: kg.queries.unlock.unlock(...).certifications
MATCH (r:Role)-[e:RECOMMENDS_CERTIFICATION]->(c:Certification)
WHERE r.id = $role OR r.name = $role
RETURN c.id AS id, c.name AS name, c.issuer AS issuer, e.required AS required, e.weight AS weight
ORDER BY required DESC, weight DESC, toLower(name)
