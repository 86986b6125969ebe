# Runs processing_device_bench (the benchmark that travels to the GPU machine) on 9 real frames of
# flower.mp4 at 320x180 on each backend here, and checks what it reports: not a timed test, it
# fails when the bench cannot run, when a backend's drop-frame PSNR is implausibly low, or when the
# OpenCL backend (PoCL here) no longer agrees with the CPU backend.
set(clip ${MEDIA}/video/flower.mp4)
if(NOT EXISTS ${clip})
  message(STATUS "SKIP: ${clip} not found (../shared/media absent)")
  return()
endif()
set(frames ${WORK}/device-bench-frames)
file(REMOVE_RECURSE ${frames})
file(MAKE_DIRECTORY ${frames})
execute_process(COMMAND ffmpeg -hide_banner -loglevel error -y -i ${clip} -frames:v 9 -vf scale=320:180
                        ${frames}/f%03d.ppm RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(STATUS "SKIP: ffmpeg could not make the frames")
  return()
endif()
execute_process(COMMAND ${BENCH} --frames ${frames} --size 320x180 --pairs 2 --json ${WORK}/device-bench.json
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "processing_device_bench failed (${rc})")
endif()
file(READ ${WORK}/device-bench.json json)
string(JSON cpu GET "${json}" retime_psnr_cpu)
if(cpu LESS 30)
  message(FATAL_ERROR "CPU retime PSNR ${cpu} dB on flower at 320x180 (expected above 30)")
endif()
string(JSON device GET "${json}" opencl_device)
if(device STREQUAL "")
  message(STATUS "no OpenCL device: the CPU backend alone was measured")
  return()
endif()
# The device pipelines also ran on 8-bit frames in and out (converted on the device).
string(JSON eight ERROR_VARIABLE missing GET "${json}" retime_ms_opencl_8bit)
if(missing)
  message(FATAL_ERROR "the bench measured no 8-bit device pass (${missing})")
endif()
string(JSON agree GET "${json}" retime_agreement_db)
string(JSON dagree GET "${json}" denoise_agreement_db)
# The OpenCL backend runs the device pipelines, whose flows are the project's own DIS kernels rather
# than OpenCV's CPU DIS: the outputs differ by more than rounding, so the check is that they stay
# close to each other and that neither backend is worse than the other on the real frames.
if(agree LESS 45 OR dagree LESS 40)
  message(FATAL_ERROR "OpenCL and CPU outputs differ: retime ${agree} dB, denoise ${dagree} dB apart (expected above 45 and 40)")
endif()
foreach(op retime denoise)
  string(JSON gap GET "${json}" ${op}_opencl_minus_cpu_db)
  if(gap LESS -0.5)
    message(FATAL_ERROR "OpenCL ${op} is ${gap} dB worse than the CPU backend's on the same frames (limit 0.5)")
  endif()
endforeach()
