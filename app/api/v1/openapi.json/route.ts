import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/lib/core/api/openapi";

// Public, like most APIs' descriptions: it documents the shapes, not the data.
export function GET() {
  return NextResponse.json(buildOpenApiDocument());
}
