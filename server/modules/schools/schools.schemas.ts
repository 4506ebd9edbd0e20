// TypeBox schemas of the region's places: municipalities with their neighbours, schools with the programme's flags.
import { Type } from "@sinclair/typebox";

export const MunicipalitySchema = Type.Object({ id: Type.String(), name: Type.String(), neighbours: Type.Array(Type.String()), schools: Type.Integer() });
export const SchoolSchema = Type.Object({
  id: Type.String(), name: Type.String(), shortName: Type.String(), municipalityId: Type.String(), municipalityName: Type.String(),
  clusters: Type.Array(Type.String()), locality: Type.String(), students: Type.Optional(Type.Integer()),
  lowResults: Type.Boolean(), unfavourable: Type.Boolean(), highResults: Type.Boolean(),
  phone: Type.Optional(Type.String()), email: Type.Optional(Type.String()),
});
