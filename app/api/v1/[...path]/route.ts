import { NextResponse } from "next/server";
import { errorBody } from "@/lib/core/api/errors";

// Unknown API paths answer in the contract's error shape rather than with the HTML 404 page.
function notFound(req: Request) {
  const path = new URL(req.url).pathname;
  return NextResponse.json(errorBody("not_found", `No API endpoint at ${path}`), { status: 404 });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
